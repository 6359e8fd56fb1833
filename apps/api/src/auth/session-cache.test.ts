import { describe, expect, it } from 'vitest';
import { type CachedSession, SessionCache } from './session-cache.ts';

function sessionOf(userId: string, expiresAt = new Date(10_000_000)): CachedSession {
  return { userId, name: userId, email: `${userId}@example.org`, expiresAt };
}

describe('SessionCache', () => {
  it('answers a looked-up session until its time to live has passed', () => {
    let now = 1_000;
    const cache = new SessionCache(10_000, () => now);
    cache.set('cookie-a', sessionOf('ann'), now);
    now += 9_999;
    expect(cache.get('cookie-a')?.userId).toBe('ann');
    now += 1;
    expect(cache.get('cookie-a')).toBeUndefined();
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
