"""Starter files for ``coach new``: a short, commented exercise of each kind that is valid as it
is, runs, and passes ``coach validate --strict``, to be rewritten in the author's own words.

The patterns and sources are those of the built-in library (its research notes), so a starter
left half-edited still points at real work.
"""

from __future__ import annotations

from coach.core.json_schema import MODELINE
from coach.core.kinds import KIND_ORDER

KINDS_FOR_NEW: tuple[str, ...] = KIND_ORDER
ALWAYS_FOR_TWO = ("repair",)
NEVER_FOR_TWO = ("help", "plan")

_HEAD = f"""{MODELINE}
# A new coach exercise, ready to run: rewrite it in your own words. Every key is explained in
# docs/exercise-format.md (or run 'coach schema'); check the file with
#   coach validate --strict @PATH@
format: 1
id: @ID@
title: @TITLE@
kind: @KIND@
"""

_BREATHING = """summary: A slow breath in, a longer breath out, for a few minutes.
description: |
  Breathing out for longer than you breathe in slows the breath and can settle the body.
  If it feels like a strain, breathe more gently, or go back to your normal breathing.
tags: [calm, slow breathing]
contexts: [stressed, anytime]
# One short line shown before the first step. Keep one whenever the pattern asks something of
# the body; a breath hold (hold, hold_after) needs one, and no hold should last over 10 s.
safety: Stop and breathe normally if you feel dizzy or short of breath.
source: >-
  Zaccaro et al. 2018, How breath-control can change your life, Frontiers in Human
  Neuroscience 12:353
steps:
  - type: rate
    measure: calm
    text: Before you start, how calm do you feel?
    low: Very tense
    high: Completely calm
  - type: instruction
    text: Sit comfortably. Breathe in through your nose, and out slowly through your mouth.
  # In seconds; add top_up, hold or hold_after for other patterns, and give the length as
  # minutes or as cycles (whole breaths).
  - type: breathe
    text: In for four, out for six.
    inhale: 4
    exhale: 6
    minutes: 3
  - type: rate
    measure: calm
    text: And now?
    low: Very tense
    high: Completely calm
"""

_EMOTION = """summary: Name what you feel, then how strongly.
description: |
  Putting a feeling into words can make it easier to handle.
tags: [feelings]
contexts: [stressed, anytime]
source: >-
  Lieberman et al. 2007, Putting feelings into words, Psychological Science 18(5):421-428
steps:
  - type: instruction
    text: Take a breath, and notice what is going on inside you right now.
  # Offers the six core feelings, then more specific words, then an intensity from 0 to 10.
  - type: emotions
    text: What are you feeling? Pick the closest core word, then narrow it down.
    max_words: 2
  # A note is never required: Enter on an empty note moves on.
  - type: note
    text: Anything you want to remember about it?
"""

_SOLO_RITUAL = """summary: Three things that went well today, and why.
tags: [gratitude]
contexts: [evening, daily]
source: >-
  Seligman, Steen, Park and Peterson 2005, Positive psychology progress, American
  Psychologist 60(5):410-421
steps:
  - type: instruction
    text: Think back over today.
  - type: note
    text: Write down three things that went well, and why each one happened.
"""

_FAMILY = """summary: Notice your child's feeling, name it, and stay with them.
tags: [children, feelings]
contexts: [parenting]
source: >-
  J. Gottman and J. DeClaire 1997, Raising an Emotionally Intelligent Child
steps:
  - type: instruction
    text: Before you answer, take one slow breath and get down to your child's eye level.
  - type: instruction
    text: Say what you see, such as "You look really disappointed." Then listen.
  - type: note
    text: What helped, and what would you try next time?
"""

_HELP = """summary: Where to turn when practising together is not enough.
description: |
  Coach never suggests this entry like a habit; it is there when it is needed.
tags: [help]
contexts: [anytime]
source: >-
  Stith, McCollum and Rosen 2011, Couples Therapy for Domestic Violence: Finding Safe
  Solutions
steps:
  - type: instruction
    text: |
      If you are afraid of your partner, or feel watched or controlled, exercises for couples
      are not the tool: look for individual support first.
"""

_PLAN = """summary: Settle your body, then name what you feel.
contexts: [stressed]
source: >-
  Chains exercises from this library: Balban et al. 2023, Cell Reports Medicine 4:100895, and
  Lieberman et al. 2007, Psychological Science 18(5):421-428
# A plan runs existing exercises in order, by id ('coach list' shows them; a pack's are
# written pack/exercise). It has no steps of its own.
exercises:
  - cyclic-sighing
  - name-it-to-tame-it
"""

_FOR_TWO = """participants: 2
# Shown on its own screen before the start. Say who it is for and when not to do it.
caution: |
  For partners who feel safe with each other. Either of you can say pause at any time, or
  stop. If you are afraid of your partner, or feel pressured to take part, this is not the
  tool: look for individual support.
summary: Each of you says one thing, and the other says back what they heard.
tags: [together, listening]
contexts: [@CONTEXT@]
source: >-
  @SOURCE@
steps:
  - type: instruction
    text: "{a} and {b}: sit where you can see each other. Either of you can ask for a pause."
  # {a} and {b} are the two names; turn and reflect steps also know {speaker} and {listener}.
  - type: turn
    speaker: a
    text: "{speaker}, @PROMPT@ {listener}, just listen."
    minutes: 2
  - type: reflect
    speaker: a
    text: "{listener}, say back what you heard, in your own words."
  - type: turn
    speaker: b
    text: "{speaker}, now your turn: @PROMPT@ {listener}, just listen."
    minutes: 2
  - type: reflect
    speaker: b
    text: "{listener}, say back what you heard, in your own words."
"""
_TWO = {
    "repair": ("after-conflict", "J. Gottman and N. Silver 1999, The Seven Principles for Making "
               "Marriage Work; structure only",
               "say how you felt, starting with 'I felt', without blaming."),
    "ritual": ("evening", "J. Gottman and N. Silver 1999, The Seven Principles for Making "
               "Marriage Work; structure only",
               "name one thing you appreciated about the other today."),
    "family": ("parenting", "J. Gottman and J. DeClaire 1997, Raising an Emotionally Intelligent "
               "Child; structure only",
               "say what you noticed about your child's feelings this week."),
    "breathing": ("anytime", "Zaccaro et al. 2018, How breath-control can change your life, "
                  "Frontiers in Human Neuroscience 12:353",
                  "after a few slow breaths, say how your body feels."),
    "emotion": ("anytime", "Lieberman et al. 2007, Putting feelings into words, Psychological "
                "Science 18(5):421-428", "name one feeling you had today, and when."),
}
_ONE = {"breathing": _BREATHING, "emotion": _EMOTION, "ritual": _SOLO_RITUAL, "family": _FAMILY,
        "help": _HELP, "plan": _PLAN}


def title_for(entry_id: str) -> str:
    """'my-breathing-2' -> 'My breathing 2'."""
    return entry_id.replace("-", " ").capitalize()


def starter(kind: str, entry_id: str, *, for_two: bool = False, shown_path: str = "") -> str:
    """The text of a new exercise of ``kind`` (see :data:`KINDS_FOR_NEW`) with the id
    ``entry_id``; ``for_two`` gives partners a and b. ``shown_path`` is the file's path for
    the comment that says how to check it."""
    if kind in NEVER_FOR_TWO and for_two:
        raise ValueError(f"a {kind} is never for two")
    two = for_two or kind in ALWAYS_FOR_TWO
    if two:
        context, source, prompt = _TWO[kind]
        body = (_FOR_TWO.replace("@CONTEXT@", context).replace("@SOURCE@", source)
                .replace("@PROMPT@", prompt))
    else:
        body = _ONE[kind]
    head = (_HEAD.replace("@ID@", entry_id).replace("@TITLE@", title_for(entry_id))
            .replace("@KIND@", kind).replace("@PATH@", shown_path or f"{entry_id}.yaml"))
    return head + body
