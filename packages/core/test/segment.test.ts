import { describe, expect, it } from 'vitest';
import { segment } from '../src/segment/index.ts';

const texts = (input: string) => segment(input).map((piece) => piece.text);
const kinds = (input: string) => segment(input).map((piece) => [piece.kind, piece.text]);

describe('segment', () => {
  it('returns nothing for empty or blank text', () => {
    expect(segment('')).toEqual([]);
    expect(segment(' \n\r\n\t\u00a0')).toEqual([]);
  });

  it('gives UTF-16 offsets whose slice is the segment text', () => {
    const input = '  Kim met Putin 🇷🇺 in Vladivostok. They talked.  ';
    for (const piece of segment(input)) expect(input.slice(piece.start, piece.end)).toBe(piece.text);
    expect(segment(input)[1]).toMatchObject({ start: 37, end: 49, text: 'They talked.' });
  });
});

describe('segment paragraphs and lines', () => {
  it('treats a blank line as a hard boundary even without final punctuation', () => {
    expect(texts('Body text without a period\n\nNext paragraph.')).toEqual([
      'Body text without a period',
      'Next paragraph.',
    ]);
  });

  it('reads a single line break as soft, so hard-wrapped sentences stay whole', () => {
    expect(texts('The ministry said the talks\nwould resume in May. They did not.')).toEqual([
      'The ministry said the talks\nwould resume in May.',
      'They did not.',
    ]);
  });

  it('handles CRLF line endings and blank lines made of spaces', () => {
    expect(texts('First one.\r\n \r\nSecond one.\r\nThird one.')).toEqual([
      'First one.',
      'Second one.',
      'Third one.',
    ]);
  });
});

describe('segment headlines', () => {
  it('makes the first short unpunctuated line the headline, with its update marker', () => {
    expect(kinds('(2nd LD) N. Korea fires missile into East Sea: JCS\n\nSEOUL -- It flew 300 km.')).toEqual([
      ['headline', '(2nd LD) N. Korea fires missile into East Sea: JCS'],
      ['sentence', 'SEOUL -- It flew 300 km.'],
    ]);
  });

  it('joins a marker standing on its own line to the headline below it', () => {
    expect(kinds('(URGENT)\nN. Korea fires missile\n\nMore soon.')[0]).toEqual([
      'headline',
      '(URGENT)\nN. Korea fires missile',
    ]);
  });

  it('accepts a headline that ends with an abbreviation such as U.S.', () => {
    expect(kinds('Seoul to send envoy to U.S.\nSEOUL -- The envoy leaves today.')[0]?.[0]).toBe('headline');
  });

  it('does not take a punctuated first line, a lone line or a hard-wrapped sentence for a headline', () => {
    expect(kinds('North Korea fired a missile.\nIt fell into the sea.')[0]?.[0]).toBe('sentence');
    expect(kinds('Just one line without a period')[0]?.[0]).toBe('sentence');
    expect(kinds('North Korea fired a missile on\nMonday, officials said.')[0]?.[0]).toBe('sentence');
    expect(
      kinds('SEOUL, Nov. 21 (Yonhap) -- North Korea fired a missile\nSunday, the JCS said.')[0]?.[0],
    ).toBe('sentence');
  });

  it('makes only the first line a headline', () => {
    const headlines = segment('Headline one\n\nA sentence.\n\nA short unpunctuated line\n\nEnd.').filter(
      (piece) => piece.kind === 'headline',
    );
    expect(headlines.map((piece) => piece.text)).toEqual(['Headline one']);
  });
});

describe('segment datelines', () => {
  it('keeps a wire dateline inside its sentence', () => {
    expect(texts('SEOUL, Nov. 21 (Yonhap) -- The North fired. It was the third launch.')).toEqual([
      'SEOUL, Nov. 21 (Yonhap) -- The North fired.',
      'It was the third launch.',
    ]);
    expect(texts('U.N., New York, Sept. 3 (Yonhap) -- The council met.')).toHaveLength(1);
  });
});

describe('segment abbreviations and initials', () => {
  it.each([
    'The U.S. and the U.N. condemned N. Korea and S. Korea welcomed it.',
    'Lt. Gen. Park Jin-ho met Gen. Kim and Mr. Lee and Dr. Choi.',
    'The No. 2 official arrived at 6 p.m. and left at 9 a.m. on Tuesday.',
    'Hyundai Motor Co. and Samsung Electronics Co. Ltd. and Apple Inc. rose.',
    'The N.K. regime, e.g. its army, i.e. the KPA, etc. were on alert.',
    'He lives on St. Mark St. near the station.',
    'The parade is set for Jan. 8 or Feb. 16 or Sept. 9 at the latest.',
    'Analyst John R. Miller said so.',
  ])('does not end a sentence inside: %s', (sentence) => {
    expect(texts(sentence)).toEqual([sentence]);
  });

  it.each([
    ['He left at 6 P.M.', 'Mr. Smith then went home.'],
    ['Talks were held in the U.S.', 'The next round is in Seoul.'],
    ['The deal went to Pitt & Co.', 'It closed yesterday.'],
    ['They brought food, water, etc.', 'However, the aid ran out.'],
    ['The last word went to the editor and I.', 'Nobody argued.'],
  ])('ends a sentence at a final abbreviation when a new sentence starts: %s', (first, second) => {
    expect(texts(`${first} ${second}`)).toEqual([first, second]);
  });

  it('keeps an adverbial opening together: "At 5 a.m. Mr. Smith went…"', () => {
    expect(texts('At 5 a.m. Mr. Smith went to the bank.')).toEqual(['At 5 a.m. Mr. Smith went to the bank.']);
  });
});

describe('segment quotes and brackets', () => {
  it('keeps a quotation of two sentences with its attribution', () => {
    expect(texts('"We will respond. The enemy will pay," he said. Talks resumed.')).toEqual([
      '"We will respond. The enemy will pay," he said.',
      'Talks resumed.',
    ]);
    expect(texts('She added: “Trust takes years. It can be lost in a week.” Talks resumed.')).toEqual([
      'She added: “Trust takes years. It can be lost in a week.”',
      'Talks resumed.',
    ]);
  });

  it('splits as usual where a quotation is left open for the next paragraph', () => {
    expect(texts('"We will respond. The enemy will pay.\n\n"Nobody doubts it," he said.')).toEqual([
      '"We will respond.',
      'The enemy will pay.',
      '"Nobody doubts it," he said.',
    ]);
  });

  it('does not end a sentence at an abbreviation closing a hyphenated compound', () => {
    expect(texts('They joined the South Korea-U.S. Freedom Shield drills. It ended.')).toEqual([
      'They joined the South Korea-U.S. Freedom Shield drills.',
      'It ended.',
    ]);
  });

  it('keeps the closing quote with the sentence it ends', () => {
    expect(texts('Kim called it “a victory.” The KCNA agreed.')).toEqual([
      'Kim called it “a victory.”',
      'The KCNA agreed.',
    ]);
  });

  it('keeps a quoted question or exclamation with the attribution after it', () => {
    expect(texts('“Why now?” Kim asked. “Enough!” Rep. Lee of the party wrote. Then he left.')).toEqual([
      '“Why now?” Kim asked.',
      '“Enough!” Rep. Lee of the party wrote.',
      'Then he left.',
    ]);
  });

  it('does not split before a lower-case word or inside a parenthesis', () => {
    expect(texts('"It is over." she said. He (a diplomat.) agreed.')).toEqual([
      '"It is over." she said.',
      'He (a diplomat.) agreed.',
    ]);
  });
});

describe('segment ellipses', () => {
  it('continues the sentence after an ellipsis before a lower-case word', () => {
    expect(texts('He said … well, nothing. Then . . . silence fell.')).toEqual([
      'He said … well, nothing.',
      'Then . . . silence fell.',
    ]);
  });

  it('ends a sentence at an ellipsis before a capital', () => {
    expect(texts('It is not one launch... It is the pace.')).toEqual([
      'It is not one launch...',
      'It is the pace.',
    ]);
  });
});

describe('segment numbers, e-mails and URLs', () => {
  it('does not split decimals, thousands, versions or addresses', () => {
    const sentence =
      'The KOSPI rose 1.2 percent to 2,571.43 points, see https://www.example.kr/a.b/c.html or ask kim.lee@yna.co.kr for v2.0.1 data.';
    expect(texts(sentence)).toEqual([sentence]);
  });

  it('ends a sentence after a number, an e-mail address or a URL', () => {
    expect(texts('It fell to $6.7. Write to press@example.kr. Read www.example.kr. Done.')).toEqual([
      'It fell to $6.7.',
      'Write to press@example.kr.',
      'Read www.example.kr.',
      'Done.',
    ]);
  });
});

describe('segment lists', () => {
  it('splits bullet lines and inline numbered lists into items', () => {
    expect(texts('The steps are:\n• sanctions;\n• talks.\nAs follows: 1. Wait. 2. See. 3. Act.')).toEqual([
      'The steps are:',
      '• sanctions;',
      '• talks.',
      'As follows: 1. Wait.',
      '2. See.',
      '3. Act.',
    ]);
  });

  it('keeps numbering inside a running sentence', () => {
    const sentence = 'It will 1) expand reunions, 2) collect DNA and 3) send letters.';
    expect(texts(sentence)).toEqual([sentence]);
  });

  it('starts a new item at a dash that opens a line', () => {
    expect(texts('Measures:\n- more drills\n- new sanctions')).toEqual([
      'Measures:',
      '- more drills',
      '- new sanctions',
    ]);
  });
});

describe('segment boilerplate', () => {
  it.each([
    'Source: Yonhap News Agency',
    '(END)',
    'scroll to top',
    'hjpark@yna.co.kr',
    'kim@yna.co.kr, lee@yna.co.kr',
    'By Kim Soo-yeon',
    'By JOSH SMITH and JANE ROE, Reuters',
    '(Reporting by Jane Roe; Editing by John Doe)',
    'Copyright 2024 The Associated Press. All rights reserved.',
    '(Yonhap)',
    '<All rights reserved by Yonhap>',
    '© 2024 Reuters',
    '(ATTN: RECASTS headline, lead; ADDS details in paras 4-6)',
  ])('marks the line "%s" as boilerplate', (line) => {
    expect(kinds(`Some sentence here.\n${line}\nAnother sentence.`)[1]).toEqual(['boilerplate', line]);
  });

  it('separates a sign-off at the end of the last sentence', () => {
    expect(kinds('The ministry said so. (END)')).toEqual([
      ['sentence', 'The ministry said so.'],
      ['boilerplate', '(END)'],
    ]);
    expect(kinds('The ministry said so. kim@yna.co.kr')[1]).toEqual(['boilerplate', 'kim@yna.co.kr']);
  });

  it('separates a trailing wire credit and rights notice from the last sentence', () => {
    expect(kinds('The ministry said so. (Yonhap)')).toEqual([
      ['sentence', 'The ministry said so.'],
      ['boilerplate', '(Yonhap)'],
    ]);
    expect(kinds('The ministry said so. <All rights reserved by Yonhap>')[1]).toEqual([
      'boilerplate',
      '<All rights reserved by Yonhap>',
    ]);
  });

  it('marks a bracketed credit and a link to the source as boilerplate', () => {
    expect(kinds('The ministry said so.\n\n[AFP]\n\nRead it at AP')).toEqual([
      ['sentence', 'The ministry said so.'],
      ['boilerplate', '[AFP]'],
      ['boilerplate', 'Read it at AP'],
    ]);
  });

  it('keeps a dateline with its date, wire tag or bullet in the first sentence', () => {
    expect(texts('TOKYO, October 3. /TASS/. The ship docked. It left.')).toEqual([
      'TOKYO, October 3. /TASS/. The ship docked.',
      'It left.',
    ]);
    expect(texts('TOKYO • The ship docked. It left.')).toEqual(['TOKYO • The ship docked.', 'It left.']);
  });

  it('keeps a sentence that starts with the word copyright', () => {
    expect(kinds('Copyright law changed, he said.')[0]?.[0]).toBe('sentence');
  });

  it('keeps sentences that merely start like bylines', () => {
    expect(kinds('By contrast, the North stayed silent.')[0]?.[0]).toBe('sentence');
    expect(kinds('Kim arrived.\n\nThe plan was signed\nBy Kim and Lee')[1]).toEqual([
      'sentence',
      'The plan was signed\nBy Kim and Lee',
    ]);
  });
});

// Speed and linear growth are measured by `pnpm bench` (packages/bench), not timed here.
describe('segment on large input', () => {
  it('handles a single 1 MB paragraph without blank lines', () => {
    const sentences = segment('The North fired a missile, the JCS said. '.repeat(25_000));
    expect(sentences).toHaveLength(25_000);
  });
});
