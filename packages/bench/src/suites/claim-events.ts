// Articles shaped like coverage of many events: each event is told by five outlets that share most
// of its sentences, and events differ in their words and figures. Made of the invented fixture
// articles' sentences, each event's copy disguised by swapping most longer words for made-up ones
// and moving its figures, so two events rarely share a claim while one event's outlets do: text
// more varied than the claims suite's default corpus of copies, as real coverage is.
import { segment } from '@attest/core';
import { buildNewsArticles } from './news-corpus.ts';

export const outletsPerEvent = 5;
/** Of an event's sentences, an outlet carries about this share; the rest of its article is its own. */
const sharedShare = 0.8;
const outlets = ['Harbor Daily', 'Peninsula Wire', 'Eastern Courier', 'Capital Ledger', 'Coastal Post'];

export interface EventArticle {
  outlet: string;
  /** Days after the first event: an event's outlets publish within two days of each other. */
  day: number;
  sentences: string[];
}

/** FNV-1a: a stable hash, so every run builds the same corpus. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const consonants = 'bdfgklmnprstvz';
const vowels = 'aeiou';

/** A made-up word for `word` in one event's telling, the same every time that event uses it. */
function madeUpWord(word: string, salt: string): string {
  let hash = hashOf(`${salt}:${word.toLowerCase()}`);
  let made = '';
  for (let syllable = 0; syllable < 3; syllable++) {
    made += (consonants[hash % consonants.length] ?? 'k') + (vowels[(hash >>> 8) % vowels.length] ?? 'a');
    hash = Math.imul(hash ^ (hash >>> 13), 0x5bd1e995) >>> 0;
  }
  return /^\p{Lu}/u.test(word) ? made[0]?.toUpperCase() + made.slice(1) : made;
}

/** Seven in ten words of five letters or more become made-up words; multi-digit figures move. */
function disguise(sentence: string, salt: string): string {
  const shift = hashOf(salt) % 97;
  return sentence
    .replace(/\p{L}{5,}/gu, (word) => (hashOf(`${salt}/${word}`) % 10 < 7 ? madeUpWord(word, salt) : word))
    .replace(/\d{2,}/g, (number) => String(Number(number) + shift).padStart(number.length, '0'));
}

/** `documentCount` articles, five per event in turn, each of `sentencesPerDocument` sentences. */
export function buildEventArticles(documentCount: number, sentencesPerDocument: number): EventArticle[] {
  const pool = buildNewsArticles(40).flatMap((text) =>
    segment(text)
      .filter((part) => part.kind === 'sentence')
      .map((part) => part.text),
  );
  const pick = (key: string) => pool[hashOf(key) % pool.length] as string;
  const eventCount = Math.ceil(documentCount / outletsPerEvent);
  return Array.from({ length: documentCount }, (_, index) => {
    const event = Math.floor(index / outletsPerEvent);
    const outlet = index % outletsPerEvent;
    const sentences = Array.from({ length: sentencesPerDocument }, (_, position) => {
      const isShared = (hashOf(`${event}/${outlet}/${position}`) % 100) / 100 < sharedShare;
      return isShared
        ? disguise(pick(`event ${event} ${position}`), `event ${event}`)
        : disguise(pick(`outlet ${event} ${outlet} ${position}`), `outlet ${event} ${outlet}`);
    });
    return {
      outlet: outlets[outlet] ?? 'Harbor Daily',
      day: Math.floor((event * 60) / eventCount) + (outlet % 3),
      sentences,
    };
  });
}
