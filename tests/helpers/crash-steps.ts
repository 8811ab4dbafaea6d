/**
 * The deterministic series of status changes the crash-safety harness's
 * writer performs, so the test can tell exactly which states a sidecar may
 * be in after the writer is killed.
 */
import type { ClaimStatus } from '../../shared/annotations.js';

const cycle: ClaimStatus[] = ['in-progress', 'verified', 'disputed', 'false', 'unverifiable', 'needs-recheck', 'unchecked'];

/** Step `k` over claims `ids` (sorted): which claim gets which status and verdict note. */
export function crashStep(k: number, ids: readonly string[]): { claimId: string; status: ClaimStatus; note: string } {
  return { claimId: ids[k % ids.length]!, status: cycle[k % cycle.length]!, note: `step ${k}` };
}

/** Status and verdict note of every claim after steps 0..m-1, from all claims unchecked with no note. */
export function stateAfter(m: number, ids: readonly string[]): Map<string, { status: ClaimStatus; note: string }> {
  const state = new Map(ids.map((id) => [id, { status: 'unchecked' as ClaimStatus, note: '' }]));
  for (let k = 0; k < m; k++) {
    const s = crashStep(k, ids);
    state.set(s.claimId, { status: s.status, note: s.note });
  }
  return state;
}

/** Bulk change `k` of the bulk harness: every claim of the workspace gets this status and verdict note. */
export function bulkStep(k: number): { status: ClaimStatus; note: string } {
  return { status: cycle[k % cycle.length]!, note: `bulk ${k}` };
}

/** The article's text after save `k` of the save harness: many figures, one line that changes with each save. */
export function savedText(k: number): string {
  const lines = Array.from({ length: 120 }, (_, i) => `第${i + 1}项工程完成投资${(i * 7.3 + 10).toFixed(1)}亿元,同比增长${(i % 40) + 0.5}%。`);
  lines.splice(k % lines.length, 0, `第${k}次保存:新增投资${k}亿元。`);
  return lines.join('\n') + '\n';
}
