// Two measures of the same work, taken in rounds that alternate which goes first. Whichever runs second in a round
// inherits the first's garbage and the server's state, so a fixed order would favour one side by a few percent;
// and one slow patch of a shared machine spoils a round, not the figure, because the figure is the median of the
// rounds' ratios.

export interface PairedRounds {
  /** Sum over the rounds of each side's measure. */
  baseline: number;
  candidate: number;
  /** Median over the rounds of candidate ÷ baseline. */
  medianRatio: number;
}

export async function pairedRounds(
  rounds: number,
  baseline: () => Promise<number>,
  candidate: () => Promise<number>,
  afterRound: () => void = () => {},
): Promise<PairedRounds> {
  const ratios: number[] = [];
  let baselineSum = 0;
  let candidateSum = 0;
  for (let round = 0; round < rounds; round++) {
    let b: number;
    let c: number;
    if (round % 2 === 0) {
      b = await baseline();
      c = await candidate();
    } else {
      c = await candidate();
      b = await baseline();
    }
    baselineSum += b;
    candidateSum += c;
    ratios.push(c / b);
    afterRound();
  }
  return { baseline: baselineSum, candidate: candidateSum, medianRatio: median(ratios) };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
