import { describe, expect, it } from 'vitest';
import { suggest } from '../src/suggest/index.ts';
import { article } from './fixtures/suggest/article.ts';

/** Suggestions for an article given as paragraphs of sentences. */
function suggestFor(paragraphs: Parameters<typeof article>[0]) {
  const { text, segments } = article(paragraphs);
  return suggest(text, segments);
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe('suggest: state-media sources', () => {
  it('labels a sentence the KCNA is said to report as a KCNA claim, with source and cues', () => {
    const { text, segments } = article([
      ['The KCNA said the two sides reached "complete agreement" on every item.'],
    ]);
    const suggestion = only(suggest(text, segments));
    expect(suggestion).toMatchObject({
      label: 'kcna_claim',
      source: 'KCNA',
      rule: 'state-media-attribution',
    });
    expect(suggestion.cues.map((cue) => [cue.kind, cue.text])).toEqual([
      ['source', 'The KCNA'],
      ['reporting_verb', 'said'],
    ]);
  });

  it('normalises the long name of the news agency to KCNA', () => {
    const suggestion = only(
      suggestFor([
        ["Kim inspected a munitions factory, according to the North's Korean Central News Agency (KCNA)."],
      ]),
    );
    expect(suggestion).toMatchObject({ label: 'kcna_claim', source: 'KCNA' });
  });

  it('recognises the Rodong Sinmun, KCTV, "state media" and "the North\'s official news agency"', () => {
    const suggestions = suggestFor([
      ['The Rodong Sinmun said in an editorial that the harvest was a great victory.'],
      ['Korean Central Television reported that the new bridge was completed.'],
      ['The country held a mass rally in Pyongyang, state media said Friday.'],
      ["The North's official news agency claimed the drill was purely defensive."],
    ]);
    expect(suggestions.map((suggestion) => [suggestion.label, suggestion.source])).toEqual([
      ['kcna_claim', 'Rodong Sinmun'],
      ['kcna_claim', 'KCTV'],
      ['kcna_claim', 'state media'],
      ['kcna_claim', 'KCNA'],
    ]);
  });

  it('nests a North Korean official inside the medium that carried the statement', () => {
    const suggestion = only(
      suggestFor([
        ['Kim Yo-jong said in a statement carried by the KCNA that Seoul would regret its choice.'],
      ]),
    );
    expect(suggestion).toMatchObject({ label: 'kcna_claim', source: 'KCNA', chain: ['KCNA', 'Kim Yo-jong'] });
  });

  it('treats a North Korean official speaking as a KCNA claim', () => {
    const suggestion = only(
      suggestFor([["North Korea's foreign ministry said the sanctions were illegal."]]),
    );
    expect(suggestion).toMatchObject({ label: 'kcna_claim', rule: 'north-korean-official-statement' });
  });

  it('places a North Korean speaker under the state medium still in scope', () => {
    const suggestions = suggestFor([
      ['The KCNA said Kim Jong-un received a letter from Beijing.'],
      ['Kim said the letter reflected "deep friendship."'],
    ]);
    expect(suggestions[1]).toMatchObject({
      label: 'kcna_claim',
      source: 'KCNA',
      chain: ['KCNA', 'Kim Jong-un'],
    });
  });

  it('keeps a hedge inside a state-media report a KCNA claim', () => {
    const suggestion = only(
      suggestFor([['The KCNA said the new missile could strike any target in the region.']]),
    );
    expect(suggestion.label).toBe('kcna_claim');
  });
});

describe('suggest: sentences about state media', () => {
  it('labels a sentence that only mentions the KCNA as a reported fact', () => {
    const suggestion = only(
      suggestFor([['The KCNA website could not be reached for several hours on Monday.']]),
    );
    expect(suggestion).toMatchObject({ label: 'reported_fact', rule: 'about-state-media', source: null });
  });

  it('treats negated reporting as a statement about state media', () => {
    const suggestion = only(
      suggestFor([['State media did not report on the launch as of Tuesday afternoon.']]),
    );
    expect(suggestion.label).toBe('reported_fact');
  });

  it('does not count a publication that carries no content as a KCNA claim', () => {
    const suggestion = only(
      suggestFor([['The Rodong Sinmun carried six photos of the parade on its front page.']]),
    );
    expect(suggestion.label).toBe('reported_fact');
  });
});

describe('suggest: hedges and observers', () => {
  it.each([
    'The North is expected to hold a military parade later this month.',
    'The launch has raised speculation that a nuclear test may follow.',
    'The regime apparently aims to win concessions before the talks.',
    'The move is widely seen as a message to Washington.',
  ])('labels a hedged sentence without a source as an observer inference: %s', (sentence) => {
    const suggestion = only(suggestFor([[sentence]]));
    expect(suggestion).toMatchObject({ label: 'observer_inference', rule: 'hedge' });
    expect(suggestion.cues.some((cue) => cue.kind === 'hedge')).toBe(true);
  });

  it('labels what analysts or observers say as an observer inference', () => {
    const suggestion = only(suggestFor([['Analysts said the visit showed the depth of military ties.']]));
    expect(suggestion).toMatchObject({
      label: 'observer_inference',
      source: 'analysts',
      rule: 'observer-source',
    });
  });

  it('does not read the month May as a hedge', () => {
    const suggestion = only(suggestFor([['The plant was completed in May last year.']]));
    expect(suggestion.label).toBe('reported_fact');
  });
});

describe('suggest: official sources', () => {
  it('labels an unhedged report by the JCS as a reported fact', () => {
    const suggestion = only(
      suggestFor([
        [
          "North Korea fired two cruise missiles off its west coast early Monday, South Korea's Joint Chiefs of Staff (JCS) said.",
        ],
      ]),
    );
    expect(suggestion).toMatchObject({ label: 'reported_fact', source: 'JCS', rule: 'official-source' });
  });

  it('labels an official who hedges or believes as an observer inference', () => {
    const suggestions = suggestFor([
      ['The unification ministry said the North may be preparing another launch.'],
      ['A senior U.S. official said Washington believes the satellite carried a camera.'],
    ]);
    expect(suggestions.map((suggestion) => suggestion.rule)).toEqual([
      'hedged-official-statement',
      'hedged-official-statement',
    ]);
    expect(suggestions.every((suggestion) => suggestion.label === 'observer_inference')).toBe(true);
  });

  it('labels a sentence with no source and no hedge as a reported fact of the outlet', () => {
    const suggestion = only(suggestFor([['The two Koreas remain technically at war.']]));
    expect(suggestion).toMatchObject({
      label: 'reported_fact',
      rule: 'unattributed-statement',
      source: null,
    });
  });
});

describe('suggest: carry-over', () => {
  it('lets "It added" inherit the KCNA attribution of the sentence before', () => {
    const [first, second] = suggestFor([
      ['The KCNA reported that the delegation arrived on Tuesday.'],
      ['It added the visit would open "a new chapter" in relations.'],
    ]);
    expect(first?.label).toBe('kcna_claim');
    expect(second).toMatchObject({ label: 'kcna_claim', source: 'KCNA', rule: 'anaphoric-attribution' });
    expect(second?.cues.map((cue) => [cue.kind, cue.text])).toEqual([
      ['anaphora', 'It'],
      ['reporting_verb', 'added'],
    ]);
  });

  it('lets "she said" inherit an official source, and a hedge then makes it an inference', () => {
    const suggestions = suggestFor([
      ['A unification ministry spokesperson said the talks were cancelled.'],
      ['She said the North might propose new dates.'],
    ]);
    expect(suggestions.map((suggestion) => suggestion.label)).toEqual([
      'reported_fact',
      'observer_inference',
    ]);
    expect(suggestions[1]?.rule).toBe('anaphoric-attribution');
  });

  it('continues a quotation to the speaker of the quote before', () => {
    const suggestions = suggestFor([
      [
        '"We will answer with force," Kim Yo-jong said in a statement carried by state media.',
        '"The choice is theirs."',
      ],
    ]);
    expect(suggestions.map((suggestion) => [suggestion.label, suggestion.rule])).toEqual([
      ['kcna_claim', 'state-media-attribution'],
      ['kcna_claim', 'continuing-quotation'],
    ]);
  });

  it('continues a state-media account of an event to the next sentence about it', () => {
    const suggestions = suggestFor([
      ['Kim visited a weapons exhibition on Wednesday, the KCNA said.'],
      ['During the visit, Kim toured the workshop where the new drones were built.'],
    ]);
    expect(suggestions[1]).toMatchObject({
      label: 'kcna_claim',
      rule: 'continues-state-media-account',
      source: 'KCNA',
    });
  });

  it('does not continue an account into a background sentence without a sign of continuity', () => {
    const suggestions = suggestFor([
      ['Kim visited a weapons exhibition on Wednesday, the KCNA said.'],
      ['The exhibition hall was built in 2019.'],
    ]);
    expect(suggestions[1]).toMatchObject({ label: 'reported_fact', rule: 'unattributed-statement' });
  });

  it('stops carrying over once the attribution is out of scope', () => {
    const suggestions = suggestFor([
      ['The KCNA said the meeting ended on Friday.'],
      ['The country has held such meetings since 2012.'],
      ['Seoul has not commented on the meeting.'],
      ['Ties with Moscow have deepened this year.'],
      ['Pyongyang hosted a trade fair in the spring.'],
      ['During the fair, Kim toured the pavilions.'],
    ]);
    expect(suggestions.at(-1)?.label).toBe('reported_fact');
  });

  it('lets a new source reset the carry-over', () => {
    const suggestions = suggestFor([
      ['The KCNA said the drill was a success.'],
      ['The JCS said the drill involved about 20 aircraft.'],
      ['It added that no missiles were fired.'],
    ]);
    expect(suggestions[2]).toMatchObject({ label: 'reported_fact', source: 'JCS' });
  });
});

describe('suggest: headlines and chains', () => {
  it('gives a headline without its own attribution the label of the lead it restates', () => {
    const suggestions = suggestFor([
      [{ text: 'N. Korean leader inspects new destroyer ahead of launch', kind: 'headline' }],
      [
        'North Korean leader Kim Jong-un inspected a new destroyer before its launch ceremony, state media reported Friday.',
      ],
    ]);
    expect(suggestions[0]).toMatchObject({
      label: 'kcna_claim',
      rule: 'headline-restates-lead',
      source: 'state media',
    });
  });

  it('uses an attribution in the headline itself', () => {
    const suggestions = suggestFor([
      [{ text: 'N. Korea fires ballistic missile into East Sea: JCS', kind: 'headline' }],
      ['North Korea fired a ballistic missile on Sunday, the JCS said.'],
    ]);
    expect(suggestions[0]).toMatchObject({ label: 'reported_fact', source: 'JCS', rule: 'official-source' });
  });

  it('starts the chain with the outlet named in the dateline', () => {
    const suggestion = suggestFor([
      ['SEOUL, May 3 (Yonhap) -- North Korea has opened a new hospital in Pyongyang, the KCNA said.'],
    ])[0];
    expect(suggestion?.chain).toEqual(['Yonhap', 'KCNA']);
  });

  it('labels boilerplate null and starts its chain with the outlet of the credit line', () => {
    const suggestions = suggestFor([
      ['The KCNA said the meeting ended.'],
      [{ text: 'Source: Yonhap News Agency', kind: 'boilerplate' }],
    ]);
    expect(suggestions[1]).toMatchObject({ label: null, rule: 'boilerplate', cues: [] });
    expect(suggestions[0]?.chain).toEqual(['Yonhap', 'KCNA']);
  });
});

describe('suggest: patterns of real wire copy (issue 18)', () => {
  const labels = (paragraphs: Parameters<typeof article>[0]) =>
    suggestFor(paragraphs).map((suggestion) => suggestion.label);

  it('recognises descriptions of state media as attribution', () => {
    expect(
      labels([
        ["North Korea's official newspaper warned that any provocation will meet a strong response."],
        ["The socialist country's media reported that the new dam was opened."],
        ['The North Korean news outlets claimed the talks raised ties to a new level.'],
        ['A weekly government mouthpiece of North Korea said the measures target no one.'],
        ['The KCNA monitored in Seoul said the leader visited a farm.'],
        ["The North's official news wire service said the drill ended."],
      ]),
    ).toEqual(Array(6).fill('kcna_claim'));
  });

  it('reads a title-case headline verb and an unhyphenated leader name', () => {
    const suggestion = only(
      suggestFor([[{ text: 'Kim Jong Un Lauds New Fishing Fleet', kind: 'headline' }]]),
    );
    expect(suggestion).toMatchObject({ label: 'kcna_claim', source: 'Kim Jong-un' });
  });

  it("keeps the state media's own hedged attribution a KCNA claim", () => {
    expect(
      labels([
        [
          'The KCNA said the leader inspected a new tractor plant.',
          'He is said to have praised the workers.',
        ],
      ]),
    ).toEqual(['kcna_claim', 'kcna_claim']);
  });

  it('does not carry a state-media attribution into background framed by "came as"', () => {
    expect(
      labels([
        [
          'Kim guided a firing drill, the KCNA said.',
          "Kim's drill came as the allies began their exercises.",
        ],
      ]),
    ).toEqual(['kcna_claim', 'reported_fact']);
  });

  it('lets a trailing official source tell what North Korea said at talks', () => {
    expect(
      labels([['At the talks North Korea demanded an end to the leaflets, officials in Seoul said.']]),
    ).toEqual(['reported_fact']);
  });

  it('points "the news agency said" back to the last state medium, across an official sentence', () => {
    const suggestions = suggestFor([
      ['The new rocket "will change the battlefield," the KCNA said.'],
      ['A South Korean military official said the launch was detected at dawn.'],
      ['The rocket "will play a main role," the news agency said.'],
    ]);
    expect(suggestions.map((suggestion) => [suggestion.label, suggestion.source])).toEqual([
      ['kcna_claim', 'KCNA'],
      ['reported_fact', 'South Korean government'],
      ['kcna_claim', 'KCNA'],
    ]);
  });

  it('reads a state television presenter and "according to the statement" as state media', () => {
    expect(
      labels([
        ['The dam was completed ahead of schedule, a state television news reader announced.'],
        ['According to the statement, the dam will supply three provinces.'],
      ]),
    ).toEqual(['kcna_claim', 'kcna_claim']);
  });

  it('does not read "what North Korea calls" as North Korea reporting', () => {
    expect(labels([['The launch used what North Korea calls a new type of engine.']])).toEqual([
      'reported_fact',
    ]);
  });

  it('reads a medium named in an aside of a background sentence as no attribution', () => {
    expect(
      labels([['The warning, carried on the official KCNA news agency, came a day after the talks.']]),
    ).toEqual(['reported_fact']);
  });

  it('reads "is not yet thought to" and "almost certainly" as the writer\'s inference', () => {
    expect(
      labels([
        ['The device is not yet thought to have worked.'],
        ['The test will almost certainly bring sanctions.'],
      ]),
    ).toEqual(['observer_inference', 'observer_inference']);
  });

  it('reads curly apostrophes like straight ones, and a possessive before "reported" as no report', () => {
    expect(labels([['North Korea’s official newspaper warned of a strong response.']])).toEqual([
      'kcna_claim',
    ]);
    expect(labels([['Asked about Mr Kim’s reported visit, the envoy declined to comment.']])).toEqual([
      'reported_fact',
    ]);
  });

  it('treats speculation as a topic, and "speculation that" as a hedge', () => {
    expect(
      labels([
        ['State media made no mention of the leader amid speculation over his health.'],
        ['The absence raised speculation that he may be ill.'],
      ]),
    ).toEqual(['reported_fact', 'observer_inference']);
  });
});
