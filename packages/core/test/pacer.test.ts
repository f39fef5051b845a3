import { describe, expect, it } from 'vitest';
import { BlazwaError, createPacer } from '../src/index.js';

/** A clock that only moves when the pacer sleeps: pacing is checked exactly, with no real time. */
function virtualClock() {
  let time = 0;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
    advance: (ms: number) => {
      time += ms;
    },
    sleeps,
  };
}

describe('createPacer', () => {
  it('runs a burst in order, each start at least minIntervalMs after the previous', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ minIntervalMs: 100, sleep: clock.sleep, now: clock.now });
    const starts: Array<[number, number]> = [];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        pacer.schedule(async () => {
          starts.push([i, clock.now()]);
          return i * 2;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
    expect(starts.map(([i]) => i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(starts.map(([, at]) => at)).toEqual(Array.from({ length: 50 }, (_, i) => i * 100));
    expect(pacer.size).toBe(0);
  });

  it("with spaceFrom 'end', counts the interval from the end of the previous send", async () => {
    const clock = virtualClock();
    const pacer = createPacer({ minIntervalMs: 100, sleep: clock.sleep, now: clock.now, spaceFrom: 'end' });
    const spans: Array<[number, number]> = [];
    await Promise.all(
      Array.from({ length: 4 }, () =>
        pacer.schedule(async () => {
          const start = clock.now();
          clock.advance(30); // the send itself takes 30 ms
          spans.push([start, clock.now()]);
        }),
      ),
    );
    expect(spans).toEqual([
      [0, 30],
      [130, 160],
      [260, 290],
      [390, 420],
    ]);
  });

  it('waits only for what is left of the interval', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ minIntervalMs: 100, sleep: clock.sleep, now: clock.now });
    await pacer.schedule(async () => clock.advance(30));
    await pacer.schedule(async () => undefined);
    expect(clock.sleeps).toEqual([70]);
    clock.advance(500);
    await pacer.schedule(async () => undefined);
    expect(clock.sleeps).toEqual([70]);
  });

  it('starts the next task only after the previous one finished', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ minIntervalMs: 0, sleep: clock.sleep, now: clock.now });
    const events: string[] = [];
    let release!: () => void;
    const first = pacer.schedule(
      () =>
        new Promise<void>(
          (resolve) =>
            (release = () => {
              events.push('first done');
              resolve();
            }),
        ),
    );
    const second = pacer.schedule(async () => events.push('second start'));
    await Promise.resolve();
    expect(pacer.size).toBe(2);
    expect(pacer.waiting).toBe(1);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['first done', 'second start']);
  });

  it('a failing task rejects only its own promise', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ minIntervalMs: 10, sleep: clock.sleep, now: clock.now });
    const failing = pacer.schedule(async () => {
      throw new Error('boom');
    });
    const next = pacer.schedule(async () => 'ok');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });

  it('close() rejects queued tasks as cancelled and runs nothing after', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ minIntervalMs: 0, sleep: clock.sleep, now: clock.now });
    const ran: number[] = [];
    let release!: () => void;
    const running = pacer.schedule(() => new Promise<void>((resolve) => (release = resolve)).then(() => ran.push(0)));
    const lane = pacer.lane();
    const queued = [1, 2, 3].map((i) => (i === 2 ? lane : pacer).schedule(async () => ran.push(i)));
    await Promise.resolve();
    expect(lane.waiting).toBe(1);
    expect(pacer.close('node closed')).toBe(3);
    expect(lane.waiting).toBe(0);
    release();
    await running;
    for (const promise of queued) {
      const error = await promise.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(BlazwaError);
      expect(error).toMatchObject({ kind: 'cancelled' });
      expect((error as Error).message).toContain('node closed');
    }
    await expect(pacer.schedule(async () => ran.push(9))).rejects.toMatchObject({ kind: 'cancelled' });
    expect(ran).toEqual([0]);
  });

  it('a closed lane drops only its own waiting tasks, which take no turn; the pacer and other lanes go on', async () => {
    const clock = virtualClock();
    const pacer = createPacer({ minIntervalMs: 100, sleep: clock.sleep, now: clock.now });
    const a = pacer.lane();
    const b = pacer.lane();
    const starts: Array<[string, number]> = [];
    const task = (name: string) => async () => {
      starts.push([name, clock.now()]);
      return name;
    };
    let release!: () => void;
    const running = a.schedule(() => new Promise<string>((resolve) => (release = () => resolve('a0'))));
    const waitingA = [a.schedule(task('a1')), a.schedule(task('a2'))];
    const waitingB = [b.schedule(task('b1')), pacer.schedule(task('p1')), b.schedule(task('b2'))];
    await Promise.resolve();
    expect([a.waiting, b.waiting, pacer.waiting]).toEqual([2, 2, 5]);

    expect(a.close('the node stopped')).toBe(2);
    expect([a.waiting, pacer.waiting]).toEqual([0, 3]);
    for (const promise of waitingA)
      await expect(promise).rejects.toMatchObject({ kind: 'cancelled', message: expect.stringContaining('the node stopped') });
    await expect(a.schedule(task('a3'))).rejects.toMatchObject({ kind: 'cancelled' });

    release();
    await expect(running).resolves.toBe('a0');
    await expect(Promise.all(waitingB)).resolves.toEqual(['b1', 'p1', 'b2']);
    // Dropped tasks left no gap: the survivors start one interval apart, right after the running one.
    expect(starts).toEqual([
      ['b1', 100],
      ['p1', 200],
      ['b2', 300],
    ]);
    expect(b.waiting).toBe(0);
    expect(b.close()).toBe(0);
    await expect(pacer.schedule(task('p2'))).resolves.toBe('p2');
  });
});
