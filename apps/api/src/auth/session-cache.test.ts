import { describe, expect, it } from 'vitest';
import { type CachedSession, SessionCache } from './session-cache.ts';

function sessionOf(userId: string, expiresAt = new Date(10_000_000)): CachedSession {
  return { userId, name: userId, email: `${userId}@example.org`, expiresAt };
}

describe('SessionCache', () => {
  it('answers a looked-up session until its time to live has passed', () => {
    let now = 1_000;
    const cache = new SessionCache(
      10_000,
      () => now,
      () => 0,
    );
    cache.set('cookie-a', sessionOf('ann'), now);
    now += 9_999;
    expect(cache.get('cookie-a')?.userId).toBe('ann');
    now += 1;
    expect(cache.get('cookie-a')).toBeUndefined();
  });

  it('lets sessions cached at one moment expire at different moments, none after the time to live', () => {
    let now = 1_000;
    const draws = [0, 0.5, 0.999];
    const cache = new SessionCache(
      10_000,
      () => now,
      () => draws.shift() ?? 0,
    );
    for (const cookie of ['first', 'second', 'third']) cache.set(cookie, sessionOf(cookie), now);
    const alive = () => ['first', 'second', 'third'].filter((cookie) => cache.get(cookie));
    now += 4_999;
    expect(alive()).toEqual(['first', 'second', 'third']);
    now += 20;
    expect(alive()).toEqual(['first', 'second']);
    now = 1_000 + 7_499;
    expect(alive()).toEqual(['first', 'second']);
    now += 1;
    expect(alive()).toEqual(['first']);
    now = 1_000 + 10_000;
    expect(alive()).toEqual([]);
  });

  it('keeps every entry between half its time to live and all of it, with Math.random', () => {
    let now = 0;
    const cache = new SessionCache(10_000, () => now);
    const cookies = Array.from({ length: 200 }, (_, index) => `cookie-${index}`);
    for (const cookie of cookies) cache.set(cookie, sessionOf(cookie), now);
    const aliveAt = (moment: number) => {
      now = moment;
      return cookies.filter((cookie) => cache.get(cookie)).length;
    };
    expect(aliveAt(4_999)).toBe(200);
    // Spread, not all at once: some gone by three quarters of the time to live, not all.
    const atThreeQuarters = aliveAt(7_500);
    expect(atThreeQuarters).toBeGreaterThan(0);
    expect(atThreeQuarters).toBeLessThan(200);
    expect(aliveAt(10_000)).toBe(0);
  });

  it('never keeps a session past the moment it expires', () => {
    let now = 1_000;
    const cache = new SessionCache(10_000, () => now);
    cache.set('cookie-a', sessionOf('ann', new Date(2_000)), now);
    now = 2_000;
    expect(cache.get('cookie-a')).toBeUndefined();
  });

  it('forgets every session of a user, and refuses what lookups begun before that found', () => {
    let now = 1_000;
    const cache = new SessionCache(10_000, () => now);
    cache.set('laptop', sessionOf('ann'), now);
    cache.set('phone', sessionOf('ann'), now);
    cache.set('other', sessionOf('bob'), now);
    const lookupStartedAt = now;
    now += 5;
    cache.forgetUser('ann');
    expect(cache.get('laptop')).toBeUndefined();
    expect(cache.get('phone')).toBeUndefined();
    expect(cache.get('other')?.userId).toBe('bob');
    // A lookup that read the session before the sign-out finished must not bring it back.
    cache.set('phone', sessionOf('ann'), lookupStartedAt);
    expect(cache.get('phone')).toBeUndefined();
    now += 5;
    cache.set('phone', sessionOf('ann'), now);
    expect(cache.get('phone')?.userId).toBe('ann');
  });

  it('keeps nothing when its time to live is zero', () => {
    const cache = new SessionCache(0);
    cache.set('cookie-a', sessionOf('ann'), Date.now());
    expect(cache.get('cookie-a')).toBeUndefined();
  });
});
