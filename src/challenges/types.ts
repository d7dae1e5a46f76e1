/**
 * A challenge as the app gets it from `virtual:challenges`: validated, its
 * Markdown rendered at build time, its start state and reference solution
 * ready for runScenario.
 */
import type { Check } from '../lessons/checkKinds';
import type { Scenario, Step } from '../sim/scenario/schema';

export interface ChallengeCheck {
  labelHtml: string;
  check: Check;
}

export interface Allowed {
  /** Step kinds the learner may take; null: any. */
  steps: string[] | null;
  /** `METHOD /path/` the learner may request; null: any. */
  requests: string[] | null;
  /** Profiles the learner's requests may come from; null: any. */
  profiles: string[] | null;
  /** Settings the learner may change. */
  settings: string[];
}

export interface SolutionStep {
  step: Step;
  noteHtml: string | null;
}

export interface Challenge {
  /** The file's numeric prefix: challenges are listed in this order. */
  number: number;
  slug: string;
  file: string;
  title: string;
  goalHtml: string;
  /** The lesson that teaches it. */
  lesson: string;
  /** The start state as a scenario: the settings and the steps already taken. */
  start: Scenario;
  profiles: string[];
  allow: Allowed;
  checks: ChallengeCheck[];
  hintsHtml: string[];
  /** The reference solution: settings it changes, and its steps after the start state. */
  solution: { settings: Record<string, unknown>; steps: SolutionStep[] };
  explanationHtml: string;
}
