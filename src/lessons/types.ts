/**
 * A lesson as the player gets it from `virtual:lessons`: validated, its
 * Markdown already rendered to HTML at build time, its scenario ready for
 * runScenario. Step numbers count from 1 (`records[number - 1]`).
 */
import type { Scenario } from '../sim/scenario/schema';
import type { Check, Panel, Picture } from './schema';

export type { Check, Panel, Picture };

/** A check and the run it looks at; null: it must hold in every run. */
export interface RunCheck {
  run: string | null;
  check: Check;
}

/** A check shown to the learner after a step, e.g. "the jar holds sessionid". */
export interface LabelledCheck extends RunCheck {
  labelHtml: string;
}

export interface ChoiceOption {
  textHtml: string;
  correct: boolean;
  /** Holds exactly when the option is correct, in the state after the question's step. */
  check: RunCheck | null;
  /** Shown when the learner chose this option; null: the explanation alone. */
  feedbackHtml: string | null;
}

export interface ChoiceQuestion {
  kind: 'choice';
  questionHtml: string;
  /** More than one option may be right: show checkboxes. */
  multiple: boolean;
  options: ChoiceOption[];
  explanationHtml: string;
  /** The step the question is about (a prediction: the step it is asked before); null for a quiz question about no step. */
  step: number | null;
}

export interface PanelsQuestion {
  kind: 'panels';
  questionHtml: string;
  /** The panels that change at `step`, in PANELS order (possibly none). */
  answer: Panel[];
  explanationHtml: string;
  step: number;
  run: string | null;
}

export type Question = ChoiceQuestion | PanelsQuestion;

export interface LessonStep {
  /** 1 for the first step. */
  number: number;
  titleHtml: string;
  narrationHtml: string;
  /** Shown after the step has run. */
  checks: LabelledCheck[];
  /** Asked before the step runs. */
  predict: Question[];
}

/** One way to play the lesson's steps; a lesson that compares settings has several, shown side by side. */
export interface LessonRun {
  id: string;
  label: string;
  scenario: Scenario;
}

export interface Lesson {
  /** The file's numeric prefix: lessons are listed in this order. */
  number: number;
  /** The file name without the prefix and `.md`, e.g. `visit-counter`. */
  slug: string;
  file: string;
  title: string;
  /** One line for the lesson's card (plain text). */
  summary: string;
  /** Estimated minutes to work through it. */
  minutes: number;
  goalsHtml: string[];
  introHtml: string;
  recapHtml: string | null;
  runs: LessonRun[];
  steps: LessonStep[];
  quiz: Question[];
  /** Pictures beside the panels offered beside the sequence diagram. */
  pictures: Picture[];
}
