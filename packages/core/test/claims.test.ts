import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claimClauses } from '../src/claims/clauses.ts';
import {
  claimAttributionOf,
  claimFeatures,
  isAttributionDropped,
  linkAttributedClaims,
  linkClaims,
  linkIntoClaims,
  type PooledLink,
  type PooledSentence,
  rarityWeights,
  scoreClaimMatch,
} from '../src/claims/index.ts';
import { claimMatchScore, haveConflictingFigures, weighFeatures } from '../src/claims/score.ts';
import { segment } from '../src/segment/index.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/claims/${name}.txt`, import.meta.url), 'utf8');

describe('claimMatchScore (the score the linkage ranks pairs by, without the evidence)', () => {
  it('gives every pair the score and the figure veto of scoreClaimMatch', () => {
    // The fixture articles' clauses and invented figures of every kind, agreeing and conflicting.
    const texts = [
      ...readdirSync(new URL('./fixtures/claims/', import.meta.url))
        .filter((name) => name.endsWith('.txt'))
        .flatMap((name) => segment(fixture(name.slice(0, -4))).flatMap((part) => claimClauses(part.text))),
      'The glider travelled 730 km and climbed to 2,160 km at 10:00 on April 11.',
      'The glider travelled 745 km (463 miles) at 10 a.m., the navy said.',
      'It flew 730 km in 20 days, could not be independently verified.',
      'No figure was given for the engine.',
    ];
    const features = texts.map((text) => claimFeatures(text));
    const weightOf = rarityWeights(features);
    const weighed = features.map((one) => weighFeatures(one, weightOf));
    let conflicting = 0;
    for (const [row, first] of features.entries())
      for (const [column, second] of features.entries()) {
        const match = scoreClaimMatch(first, second, weightOf);
        const isConflicting = match.numbers.agreeing.length === 0 && match.numbers.conflicting.length > 0;
        expect(haveConflictingFigures(first, second)).toBe(isConflicting);
        expect(claimMatchScore(weighed[row]!, weighed[column]!)).toBe(match.score);
        if (isConflicting) conflicting++;
      }
    expect(features.length).toBeGreaterThan(30);
    expect(conflicting).toBeGreaterThan(0);
  });
});

describe('scoreClaimMatch', () => {
  it('matches a paraphrase however each outlet attributes it, and says which words matched', () => {
    const match = scoreClaimMatch(
      claimFeatures('The engine burned for 320 seconds at the Sohae test stand, KCNA said.'),
      claimFeatures('The report said the engine burned for 320 seconds.'),
    );
    expect(match.isMatch).toBe(true);
    expect(match.matchedWords).toEqual(['engine', 'burned', 'seconds']);
    expect(match.numbers).toEqual({ agreeing: ['320'], conflicting: [] });
  });

  it('refuses different figures: two measurements are two claims', () => {
    const match = scoreClaimMatch(
      claimFeatures('The glider travelled 730 km and climbed to a height of 2,160 km.'),
      claimFeatures('The glider travelled 745 km and climbed to a height of 2,200 km, the navy said.'),
    );
    expect(match.numbers.conflicting).toEqual(['730', '2160', '745', '2200']);
    expect(match.isMatch).toBe(false);
  });

  it('compares figures of one kind only: a time, a date and a magnitude never conflict', () => {
    const match = scoreClaimMatch(
      claimFeatures('The engine test at the Sohae stand ended at 10:00 on March 3, 2031.'),
      claimFeatures('Seismologists saw a 2.4-magnitude tremor after the engine test at the Sohae stand.'),
    );
    expect(match.numbers).toEqual({ agreeing: [], conflicting: [] });
    expect(match.isMatch).toBe(true);
  });

  it('reads "10:00" and "10 a.m." as one time, and a model number as part of a name', () => {
    const features = claimFeatures('The Chollima-9 engine fired at 10:00, and again at 3 p.m.');
    expect([...features.numbers]).toEqual([
      ['9', 'name'],
      ['10', 'time'],
      ['3', 'time'],
    ]);
  });

  it('keeps a conversion together: one shared figure is enough', () => {
    const match = scoreClaimMatch(
      claimFeatures('The glider travelled 730 km (454 miles) before it dropped into the bay.'),
      claimFeatures('The glider travelled 730 kilometers before it dropped into the bay.'),
    );
    expect(match.numbers.agreeing).toEqual(['730']);
    expect(match.isMatch).toBe(true);
  });

  it('counts an accomplishment however it is worded: created a full-fledged, completed, realised', () => {
    const match = scoreClaimMatch(
      claimFeatures('The republic has now created a full-fledged space fleet.'),
      claimFeatures('The leader said the republic had completed its space fleet.'),
    );
    expect(match.matchedWords).toEqual(['republic', 'created', 'space', 'fleet']);
    expect(match.isMatch).toBe(true);
  });

  it('scores unrelated sentences low', () => {
    const match = scoreClaimMatch(
      claimFeatures('The engine burned for 320 seconds at the Sohae test stand.'),
      claimFeatures('Officials in Tokyo said they had seen no sign of a launch.'),
    );
    expect(match.score).toBeLessThan(0.2);
    expect(match.isMatch).toBe(false);
  });

  it('leaves reporting words out however they are inflected: how a claim reached the page is not the claim', () => {
    const features = claimFeatures(
      'The announcer, citing statements from the agency, said the engine burned.',
    );
    expect([...features.stems.values()]).toEqual(['engine', 'burned']);
  });

  it('reads "could not be independently verified" and "could not confirm" as one claim about the evidence', () => {
    const match = scoreClaimMatch(
      claimFeatures('Whether the engine worked could not be independently verified.'),
      claimFeatures('Officials in Tokyo said they could not confirm whether the engine worked.'),
    );
    expect(match.matchedWords).toEqual(['Whether', 'engine', 'worked', 'not confirmed']);
    expect(match.isMatch).toBe(true);
    expect(claimFeatures('The engine worked, the agency confirmed.').stems.has('unverified')).toBe(false);
  });

  it('names agreeing entities', () => {
    const match = scoreClaimMatch(
      claimFeatures('North Korea tested an engine for the Chollima-9 rocket on Sunday.'),
      claimFeatures('A new engine for the Chollima-9 rocket was tested, North Korea said.'),
    );
    expect(match.entities.agreeing).toContain('cholli');
  });
});

describe('claimAttributionOf', () => {
  it('reads state media, other sources and unattributed statements off the suggestion rule', () => {
    expect(claimAttributionOf({ rule: 'state-media-attribution', label: 'kcna_claim', source: 'KCNA' })).toBe(
      'kcna',
    );
    expect(claimAttributionOf({ rule: 'anaphoric-attribution', label: 'kcna_claim', source: 'KCNA' })).toBe(
      'kcna',
    );
    expect(claimAttributionOf({ rule: 'official-source', label: 'reported_fact', source: 'JCS' })).toBe(
      'other_source',
    );
    expect(
      claimAttributionOf({ rule: 'continues-state-media-account', label: 'kcna_claim', source: 'KCNA' }),
    ).toBe('none');
    expect(claimAttributionOf({ rule: 'unattributed-statement', label: 'reported_fact', source: null })).toBe(
      'none',
    );
  });

  it('flags a dropped attribution only when one occurrence says KCNA and another nobody', () => {
    expect(isAttributionDropped(['kcna', 'none'])).toBe(true);
    expect(isAttributionDropped(['kcna', 'other_source'])).toBe(false);
    expect(isAttributionDropped(['none', 'none'])).toBe(false);
  });
});

describe('linkAttributedClaims', () => {
  const names = ['engine-wire-one', 'engine-daily-two', 'engine-herald-three'];
  const documents = names.map((name) => {
    const text = fixture(name);
    return { text, segments: segment(text) };
  });
  const claims = linkAttributedClaims(documents);
  const textsOf = (claim: (typeof claims)[number]) =>
    claim.members.map((member) => documents[member.document]?.segments[member.segment]?.text);

  it('links the engine test and its burn time across the three articles, as two claims', () => {
    expect(claims).toHaveLength(2);
    expect(textsOf(claims[1] as (typeof claims)[number])).toEqual([
      'The engine burned for 320 seconds at the Sohae test stand, KCNA said.',
      'The engine burned for 320 seconds at the Sohae test stand.',
      'The report said the engine burned for 320 seconds.',
    ]);
  });

  it('never links the sentences only one article carries', () => {
    const linked = claims.flatMap(textsOf);
    expect(linked).not.toContain('Analysts said the engine could let the North launch heavier satellites.');
    expect(linked).not.toContain('Officials in Tokyo said they had seen no sign of a launch.');
  });

  it('flags the burn time as dropped: KCNA in two articles, stated as fact in one', () => {
    const burnTime = claims[1] as (typeof claims)[number];
    expect(burnTime.attributions).toEqual(['kcna', 'none', 'kcna']);
    expect(burnTime.isAttributionDropped).toBe(true);
    expect(burnTime.evidence.matchedWords.length).toBeGreaterThan(2);
  });
});

describe('claimClauses', () => {
  it('splits a sentence at a participle, a relative "that" and a clause of time', () => {
    expect(
      claimClauses(
        'The agency said the engine burned for 320 seconds at the Sohae stand, opening the way for a rocket that can carry a satellite into orbit.',
      ),
    ).toEqual([
      'The agency said the engine burned for 320 seconds at the Sohae stand',
      'opening the way for a rocket',
      'that can carry a satellite into orbit.',
    ]);
    expect(
      claimClauses('The engine burned for 320 seconds after engineers repaired the Sohae stand.'),
    ).toEqual(['The engine burned for 320 seconds', 'after engineers repaired the Sohae stand.']);
  });

  it('keeps what a verb of saying reports with its frame, so a denial stays with it', () => {
    expect(
      claimClauses('Officials in Tokyo could not confirm that the engine burned for 320 seconds.'),
    ).toEqual(['Officials in Tokyo could not confirm that the engine burned for 320 seconds.']);
  });

  it('ends a quoted sentence inside a segment, but not at an abbreviation', () => {
    expect(
      claimClauses('The U.S. envoy arrived at 10 a.m. on Monday. He met the minister for two hours.'),
    ).toEqual(['The U.S. envoy arrived at 10 a.m. on Monday.', 'He met the minister for two hours.']);
  });

  it('joins a fragment with fewer than two content words to the clause after it', () => {
    expect(claimClauses('State media said on Friday that launched rockets fell into the sea.')).toEqual([
      'State media said on Friday that launched rockets fell into the sea.',
    ]);
  });
});

describe('linkClaims', () => {
  const documentOf = (...texts: string[]) => ({
    segments: texts.map((text) => ({ kind: 'sentence' as const, text })),
  });
  // The first article's lead carries both claims the other three state one sentence each.
  const documents = [
    documentOf(
      'The agency said the new engine burned for 320 seconds at the Sohae stand, and that the rocket can now carry a satellite into orbit.',
      'Rain fell over the capital during the morning.',
    ),
    documentOf(
      'The new engine burned for 320 seconds at the Sohae stand, the agency said.',
      'The rocket can now carry a satellite into orbit, it added.',
      'Tokyo protested through diplomatic channels.',
    ),
    documentOf(
      'Its engine burned for 320 seconds at the Sohae stand.',
      'A satellite can now ride the rocket into orbit, officials claimed.',
      'Markets in Seoul were calm.',
    ),
    documentOf(
      'State media said the engine burned for 320 seconds at Sohae.',
      'The rocket is now able to carry a satellite into orbit.',
      'Analysts doubted the engine could lift heavy payloads.',
    ),
  ];
  const membersOf = (claim: { members: { document: number; segment: number }[] }) =>
    claim.members.map((member) => `${member.document}:${member.segment}`);

  it('puts a lead that carries two claims in both, and no other sentence twice', () => {
    expect(linkClaims(documents).map(membersOf)).toEqual([
      ['0:0', '1:0', '2:0', '3:0'],
      ['0:0', '1:1', '2:1', '3:1'],
    ]);
  });

  it('puts a sentence in the claim of each of its clauses, even one its article states again', () => {
    const withParticiple = [
      documentOf(
        'The agency said the new engine burned for 320 seconds at the Sohae stand, opening the way for a rocket that can carry a satellite into orbit.',
        'Rain fell over the capital during the morning.',
        'The rocket can now carry a satellite into orbit, the agency added.',
      ),
      ...documents.slice(1, 3),
    ];
    expect(linkClaims(withParticiple).map(membersOf)).toEqual([
      ['0:0', '1:0', '2:0'],
      ['0:0', '0:2', '1:1', '2:1'],
    ]);
  });

  it('keeps a second claim out when the article already states that claim in another sentence', () => {
    const withOrbit = documents.map((document, index) =>
      index === 0
        ? documentOf(
            ...document.segments.map((part) => part.text),
            'The rocket can now carry a satellite into orbit.',
          )
        : document,
    );
    expect(linkClaims(withOrbit).map(membersOf)).toEqual([
      ['0:0', '1:0', '2:0', '3:0'],
      ['0:2', '1:1', '2:1', '3:1'],
    ]);
  });
});

describe('linkIntoClaims', () => {
  const sentencesOf = (name: string) =>
    segment(fixture(name))
      .filter((part) => part.kind !== 'boilerplate')
      .map((part, index) => ({ key: `${name}#${index}`, document: name, text: part.text }));
  const [wire, daily, herald] = ['engine-wire-one', 'engine-daily-two', 'engine-herald-three'].map(
    sentencesOf,
  ) as [ReturnType<typeof sentencesOf>, ReturnType<typeof sentencesOf>, ReturnType<typeof sentencesOf>];
  // As the import does: words weighed by their rarity among the pool's clauses (the default).
  const link = (pool: PooledSentence[], rejectedPairs?: Set<string>) =>
    linkIntoClaims(pool, rejectedPairs ? { rejectedPairs } : {}).placed;
  const burnTime = (sentences: ReturnType<typeof sentencesOf>) =>
    sentences.find((sentence) => sentence.text.includes('320 seconds'))?.key;

  it('starts claims with the new document and grows them as later documents arrive, as attest link groups them', () => {
    const first = link([
      ...wire.map((sentence): PooledSentence => ({ ...sentence, links: [], isNew: false })),
      ...daily.map((sentence): PooledSentence => ({ ...sentence, links: [], isNew: true })),
    ]);
    const burnGroup = first.find((placed) => placed.key === burnTime(daily))?.group;
    expect(burnGroup).toBeDefined();
    expect(first.find((placed) => placed.key === burnTime(wire))?.group).toBe(burnGroup);
    expect(first.find((placed) => placed.key === burnTime(daily))?.match.matchedWords).toContain('burned');

    const linksOf = new Map<string, PooledLink[]>();
    for (const placed of first)
      linksOf.set(placed.key, [
        ...(linksOf.get(placed.key) ?? []),
        { claim: `claim-${placed.group}`, clauses: placed.clauses },
      ]);
    const second = link([
      ...[...wire, ...daily].map(
        (sentence): PooledSentence => ({
          ...sentence,
          links: linksOf.get(sentence.key) ?? [],
          isNew: false,
        }),
      ),
      ...herald.map((sentence): PooledSentence => ({ ...sentence, links: [], isNew: true })),
    ]);
    expect(second.find((placed) => placed.key === burnTime(herald))?.claim).toBe(`claim-${burnGroup}`);
    // A sentence is never placed again in a claim it is in.
    expect(
      second.every((placed) => !linksOf.get(placed.key)?.some((existing) => existing.claim === placed.claim)),
    ).toBe(true);
  });

  it('places a lead in the claim of each of its clauses, whether its article comes first or last', () => {
    // Invented: the lead states the burn and the orbit in two clauses; every other article states each apart.
    const lead =
      'The new engine burned for 320 seconds at the Sohae stand; the rocket can now carry a satellite into orbit, the agency said.';
    const others = [
      [
        'The new engine burned for 320 seconds at the Sohae stand, the agency said.',
        'The rocket can now carry a satellite into orbit, it added.',
      ],
      [
        'Its engine burned for 320 seconds at the Sohae stand.',
        'A satellite can now ride the rocket into orbit, officials claimed.',
      ],
      [
        'State media said the engine burned for 320 seconds at Sohae.',
        'The rocket is now able to carry a satellite into orbit.',
      ],
    ];
    const articles = [[lead, 'Rain fell over the capital during the morning.'], ...others];
    for (const order of [articles, [...articles.slice(1), articles[0] as string[]]]) {
      const linksOf = new Map<string, PooledLink[]>();
      const earlier: PooledSentence[] = [];
      for (const [document, texts] of order.entries()) {
        const added = texts.map(
          (text, index): PooledSentence => ({
            key: texts === articles[0] ? `lead:${index}` : `${document}:${index}`,
            document: String(document),
            text,
            links: [],
            isNew: true,
          }),
        );
        const newClaims = new Map<number, string>();
        const { placed, released } = linkIntoClaims([
          ...added,
          ...earlier.map((sentence) => ({
            ...sentence,
            links: linksOf.get(sentence.key) ?? [],
            isNew: false,
          })),
        ]);
        for (const { key, claim } of released)
          linksOf.set(
            key,
            (linksOf.get(key) ?? []).filter((known) => known.claim !== claim),
          );
        for (const sentence of placed) {
          const claim = sentence.claim ?? newClaims.get(sentence.group) ?? `${document}/${sentence.group}`;
          newClaims.set(sentence.group, claim);
          linksOf.set(sentence.key, [
            ...(linksOf.get(sentence.key) ?? []),
            { claim, clauses: sentence.clauses },
          ]);
        }
        earlier.push(...added);
      }
      const claimsOf = (key: string) => (linksOf.get(key) ?? []).map((link) => link.claim);
      expect(claimsOf('lead:0')).toHaveLength(2);
      expect(claimsOf('lead:1')).toEqual([]);
      const leadClaims = new Set(claimsOf('lead:0'));
      // Each of the other articles' two sentences is in one of the lead's claims, a different one each.
      for (const [key] of [...linksOf].filter(([key]) => !key.startsWith('lead:')))
        expect(claimsOf(key).every((claim) => leadClaims.has(claim))).toBe(true);
      expect(new Set([...linksOf.values()].flatMap((links) => links.map((entry) => entry.claim)))).toEqual(
        leadClaims,
      );
    }
  });

  describe('reopening what a new document matches', () => {
    // Invented: an earlier article's sentence about a factory sits in a claim about a missile
    // (a loose early link); the new article states the factory's news.
    const pool = (isConfirmed: boolean): PooledSentence[] => [
      {
        key: 'missile',
        document: 'first',
        text: 'The missile flew 950 km before it fell into the sea east of the peninsula.',
        links: [{ claim: 'missile-claim' }],
        isNew: false,
      },
      {
        key: 'factory',
        document: 'second',
        text: 'A new tractor factory opened in the northern province with eight assembly lines.',
        links: [{ claim: 'missile-claim', isConfirmed }],
        isNew: false,
      },
      {
        key: 'new-factory',
        document: 'third',
        text: 'The tractor factory in the northern province opened with eight assembly lines, the agency said.',
        links: [],
        isNew: true,
      },
    ];

    it('takes a matched earlier sentence out of its suggested claim and places it again beside the new one', () => {
      const { placed, released } = linkIntoClaims(pool(false));
      expect(released).toEqual([{ key: 'factory', claim: 'missile-claim' }]);
      expect(placed.map(({ key, claim }) => ({ key, claim }))).toEqual(
        expect.arrayContaining([
          { key: 'factory', claim: null },
          { key: 'new-factory', claim: null },
        ]),
      );
      expect(new Set(placed.map((sentence) => sentence.group)).size).toBe(1);
    });

    it('leaves a confirmed link where a person put it, and reopens nothing when told not to', () => {
      for (const placement of [linkIntoClaims(pool(true)), linkIntoClaims(pool(false), { reopenLimit: 0 })]) {
        expect(placement.released).toEqual([]);
        // The new sentence meets the factory sentence inside the missile's claim (an average of the two).
        expect(placement.placed.map(({ key, claim }) => ({ key, claim }))).toEqual([
          { key: 'new-factory', claim: 'missile-claim' },
        ]);
      }
    });
  });

  it('never pairs sentences a person rejected', () => {
    const pool = [
      ...wire.map((sentence): PooledSentence => ({ ...sentence, links: [], isNew: false })),
      ...daily.map((sentence): PooledSentence => ({ ...sentence, links: [], isNew: true })),
    ];
    const placed = link(pool, new Set([`${burnTime(daily)}|${burnTime(wire)}`]));
    expect(placed.find((sentence) => sentence.key === burnTime(daily))).toBeUndefined();
  });
});
