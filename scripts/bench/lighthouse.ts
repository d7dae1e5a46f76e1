import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromiumArgs, chromiumPath } from '../../tests/support/chromium';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

export interface LighthouseResult {
  formFactor: 'mobile' | 'desktop';
  /** 0–100 for each category; null when Lighthouse could not score it. */
  scores: Record<(typeof CATEGORIES)[number], number | null>;
  /** Audits that cost points: weighted in a category and scored below 1. */
  costs: { category: string; id: string; title: string; score: number; displayValue?: string }[];
  /** What Lighthouse warned about the run itself. */
  warnings: string[];
}

interface Report {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { title: string; score: number | null; displayValue?: string }>;
  runWarnings: string[];
}

/** Lighthouse's CLI on `url` in the system Chromium, headless; mobile is its default (a throttled mid-range phone). */
export async function lighthouse(url: string, formFactor: 'mobile' | 'desktop'): Promise<LighthouseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'playground-lighthouse-'));
  const output = join(dir, 'report.json');
  try {
    // Asynchronously: the site is served from this very process.
    await promisify(execFile)('npx', [
      'lighthouse', url, '--quiet', '--output=json', `--output-path=${output}`,
      `--only-categories=${CATEGORIES.join(',')}`,
      `--chrome-flags=${[...chromiumArgs, '--headless=new'].join(' ')}`,
      ...(formFactor === 'desktop' ? ['--preset=desktop'] : []),
    ], { env: { ...process.env, CHROME_PATH: chromiumPath } });
    const report = JSON.parse(readFileSync(output, 'utf8')) as Report;
    const scores = Object.fromEntries(CATEGORIES.map((c) => {
      const score = report.categories[c]?.score;
      return [c, score == null ? null : Math.round(score * 100)];
    })) as LighthouseResult['scores'];
    const costs = CATEGORIES.flatMap((category) => (report.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (report.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => {
        const audit = report.audits[ref.id];
        return { category, id: ref.id, title: audit.title, score: audit.score!, displayValue: audit.displayValue };
      }));
    return { formFactor, scores, costs, warnings: report.runWarnings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
