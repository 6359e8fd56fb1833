import { describe, expect, it } from 'vitest';
import { BatchSender } from './batch-sender.ts';

interface Item {
  name: string;
  keys?: string[];
}

/** A sender whose statements wait until the test lets them answer, recording every batch. */
function recordingSender(options: {
  maxInFlight: number;
  overlapAfterMs?: number;
  maxBatchSize?: number;
  fail?: (items: Item[]) => unknown;
}) {
  const batches: string[][] = [];
  const answers: (() => void)[] = [];
  const sender = new BatchSender<Item, string>({
    send: (items) => {
      batches.push(items.map((item) => item.name));
      return new Promise((resolve, reject) => {
        answers.push(() => {
          const error = options.fail?.([...items]);
          if (error) reject(error);
          else resolve(items.map((item) => `${item.name} done`));
        });
      });
    },
    exclusiveKeys: (item) => item.keys ?? [],
    maxInFlight: options.maxInFlight,
    overlapAfterMs: options.overlapAfterMs ?? 0,
    maxBatchSize: options.maxBatchSize ?? 100,
  });
  /** Answers every statement out now, then lets the sender send what waited. */
  const answerAll = async () => {
    for (const answer of answers.splice(0)) answer();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { sender, batches, answerAll };
}

function sqlError(code: string): Error {
  return Object.assign(new Error(`refused (${code})`), { code });
}

describe('BatchSender', () => {
  it('sends a lone item at once, and items that arrive while statements are out together', async () => {
    const { sender, batches, answerAll } = recordingSender({ maxInFlight: 2 });
    const results = ['a', 'b', 'c', 'd', 'e'].map((name) => sender.send({ name }));
    expect(batches).toEqual([['a'], ['b']]);
    await answerAll();
    expect(batches).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    await answerAll();
    expect(await Promise.all(results)).toEqual(['a done', 'b done', 'c done', 'd done', 'e done']);
  });

  it('sends a further batch beside one out only once that one has been out a while', async () => {
    const patient = recordingSender({ maxInFlight: 3, overlapAfterMs: 60_000 });
    const waiting = [patient.sender.send({ name: 'a' }), patient.sender.send({ name: 'b' })];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(patient.batches).toEqual([['a']]);
    await patient.answerAll();
    expect(patient.batches).toEqual([['a'], ['b']]);
    await patient.answerAll();
    await Promise.all(waiting);

    // A batch still out after 20 ms (a lock wait, say) no longer holds the next one back.
    const slow = recordingSender({ maxInFlight: 3, overlapAfterMs: 20 });
    const sent = [slow.sender.send({ name: 'stuck' }), slow.sender.send({ name: 'next' })];
    for (let waited = 0; slow.batches.length < 2 && waited < 2_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(slow.batches).toEqual([['stuck'], ['next']]);
    await slow.answerAll();
    await Promise.all(sent);
  });

  it('keeps items that share a key out of one batch, in the order they came', async () => {
    const { sender, batches, answerAll } = recordingSender({ maxInFlight: 1 });
    const results = [
      sender.send({ name: 'first', keys: ['x'] }),
      sender.send({ name: 'second', keys: ['x'] }),
      sender.send({ name: 'third', keys: ['y'] }),
      sender.send({ name: 'fourth', keys: ['y', 'x'] }),
      sender.send({ name: 'fifth', keys: ['z'] }),
    ];
    await answerAll();
    await answerAll();
    await answerAll();
    expect(batches).toEqual([['first'], ['second', 'third', 'fifth'], ['fourth']]);
    expect(await Promise.all(results)).toHaveLength(5);
  });

  it('holds an item back while another with its key is out in a statement of its own', async () => {
    const { sender, batches, answerAll } = recordingSender({ maxInFlight: 3 });
    const results = [
      sender.send({ name: 'first', keys: ['x'] }),
      sender.send({ name: 'second', keys: ['x'] }),
      sender.send({ name: 'other', keys: ['y'] }),
    ];
    expect(batches).toEqual([['first'], ['other']]);
    await answerAll();
    expect(batches).toEqual([['first'], ['other'], ['second']]);
    await answerAll();
    expect(await Promise.all(results)).toEqual(['first done', 'second done', 'other done']);
  });

  it('lets no item pass one that waits ahead of it with a key they share', async () => {
    const { sender, batches, answerAll } = recordingSender({ maxInFlight: 2 });
    const results = [
      sender.send({ name: 'out', keys: ['x'] }),
      sender.send({ name: 'held', keys: ['x', 'y'] }),
      sender.send({ name: 'behind held', keys: ['y'] }),
      sender.send({ name: 'free', keys: ['z'] }),
    ];
    expect(batches).toEqual([['out'], ['free']]);
    await answerAll();
    expect(batches).toEqual([['out'], ['free'], ['held']]);
    await answerAll();
    expect(batches).toEqual([['out'], ['free'], ['held'], ['behind held']]);
    await answerAll();
    expect(await Promise.all(results)).toHaveLength(4);
  });

  it('puts no more than the largest batch in one statement', async () => {
    const { sender, batches, answerAll } = recordingSender({ maxInFlight: 1, maxBatchSize: 2 });
    const results = ['a', 'b', 'c', 'd'].map((name) => sender.send({ name }));
    for (let round = 0; round < 3; round++) await answerAll();
    expect(batches).toEqual([['a'], ['b', 'c'], ['d']]);
    await Promise.all(results);
  });

  it('sends each item of a refused batch again alone, so only the failing one fails', async () => {
    const { sender, batches, answerAll } = recordingSender({
      maxInFlight: 1,
      fail: (items) => (items.some((item) => item.name === 'bad') ? sqlError('23505') : undefined),
    });
    const first = sender.send({ name: 'first' });
    const rest = Promise.allSettled(['good', 'bad', 'also good'].map((name) => sender.send({ name })));
    await answerAll();
    await answerAll();
    await answerAll();
    expect(batches).toEqual([['first'], ['good', 'bad', 'also good'], ['good'], ['bad'], ['also good']]);
    expect(await first).toBe('first done');
    const settled = await rest;
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
  });

  it('sends nothing again after a lost connection, whose statement may have committed', async () => {
    for (const code of ['08006', 'CONNECTION_CLOSED', '57P01']) {
      const { sender, batches, answerAll } = recordingSender({ maxInFlight: 1, fail: () => sqlError(code) });
      const results = Promise.allSettled(['a', 'b', 'c'].map((name) => sender.send({ name })));
      await answerAll();
      await answerAll();
      expect(batches).toEqual([['a'], ['b', 'c']]);
      const settled = await results;
      expect(settled.every((result) => result.status === 'rejected')).toBe(true);
    }
  });
});
