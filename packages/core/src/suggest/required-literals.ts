// What a text must contain for a regular expression to match in it: a set of lowercase strings,
// one of which every match holds (the "required factors" of a pattern, as code search engines
// use to skip documents before running a regex). sources.ts uses it to leave out of a
// sentence's scan every source pattern whose literals the sentence lacks; that changes no
// match, because such a pattern cannot match there.
//
// Only the syntax the lexicon writes is understood: literals and escapes, character classes,
// `.`, groups (capturing, `(?:…)`, lookarounds), alternation and quantifiers. Anything else
// gives no literals (the pattern is always scanned), never a wrong answer.

/** The strings a node can match, when there are few of them, and the strings every match holds. */
interface Facts {
  /** Every string the node can match, lowercased; null when too many or unbounded. */
  exact: Set<string> | null;
  /** One of these (lowercased) is in every match; null when nothing is known. */
  required: Set<string> | null;
}

const maxExactStrings = 64;
const anything: Facts = { exact: null, required: null };
const empty: Facts = { exact: new Set(['']), required: null };

/**
 * Lowercase strings one of which every match of `source` contains, or null when the pattern
 * may match a text holding none (then it has to be tried everywhere). Case-sensitive or not,
 * a match's lowercased text holds one of them, so test against the lowercased text.
 */
export function requiredLiterals(source: string): readonly string[] | null {
  const parser = new Parser(source);
  const facts = parser.alternation();
  if (parser.position !== source.length) return null;
  const required = withExact(facts).required;
  return required ? [...required] : null;
}

/** The exact set, when it lacks the empty string, is itself a required set; keep the better. */
function withExact(facts: Facts): Facts {
  if (!facts.exact || facts.exact.has('')) return facts;
  return { exact: facts.exact, required: better(facts.required, facts.exact) };
}

/** The more selective of two required sets: longer shortest string, then fewer strings. */
function better(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (!a) return b;
  if (!b) return a;
  const shortest = (set: Set<string>) => Math.min(...[...set].map((text) => text.length));
  if (shortest(a) !== shortest(b)) return shortest(a) > shortest(b) ? a : b;
  return a.size <= b.size ? a : b;
}

/**
 * One character, lowercased as the text will be. Outside ASCII a lowercase mapping may depend on
 * the neighbours or change the length (Σ, İ), so such a letter gives no literal.
 */
function literal(char: string): Facts {
  const lowercase = char.toLowerCase();
  if (char.charCodeAt(0) > 127 && lowercase !== char.toUpperCase()) return anything;
  return { exact: new Set([lowercase]), required: null };
}

function product(a: Set<string>, b: Set<string>): Set<string> | null {
  if (a.size * b.size > maxExactStrings) return null;
  const joined = new Set<string>();
  for (const left of a) for (const right of b) joined.add(left + right);
  return joined;
}

class Parser {
  position = 0;
  constructor(private readonly source: string) {}

  private peek(): string | undefined {
    return this.source[this.position];
  }

  alternation(): Facts {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.position++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    let exact: Set<string> | null = new Set();
    let required: Set<string> | null = new Set();
    for (const branch of branches.map(withExact)) {
      exact =
        exact && branch.exact && exact.size + branch.exact.size <= maxExactStrings
          ? new Set([...exact, ...branch.exact])
          : null;
      required = required && branch.required ? new Set([...required, ...branch.required]) : null;
    }
    return { exact, required };
  }

  private sequence(): Facts {
    let run: Set<string> | null = new Set(['']);
    let required: Set<string> | null = null;
    /** Whether an item with no exact strings broke the sequence: then it has none either. */
    let isBroken = false;
    const closeRun = () => {
      if (run && !run.has('')) required = better(required, run);
    };
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const item = withExact(this.quantified());
      required = better(required, item.required);
      const joined: Set<string> | null = run && item.exact ? product(run, item.exact) : null;
      if (joined) run = joined;
      else {
        closeRun();
        isBroken = true;
        run = item.exact;
      }
    }
    closeRun();
    return { exact: isBroken ? null : run, required };
  }

  private quantified(): Facts {
    const atom = this.atom();
    const bounds = this.quantifier();
    if (!bounds) return atom;
    if (this.peek() === '?') this.position++; // lazy: the same strings
    const [min, max] = bounds;
    if (min === 0) {
      const exact = max === 1 && atom.exact ? new Set([...atom.exact, '']) : null;
      return { exact, required: null };
    }
    if (min === 1 && max === 1) return atom;
    return { exact: null, required: withExact(atom).required };
  }

  private quantifier(): [number, number] | null {
    const next = this.peek();
    if (next === '?') return this.take(1, [0, 1]);
    if (next === '*') return this.take(1, [0, Number.POSITIVE_INFINITY]);
    if (next === '+') return this.take(1, [1, Number.POSITIVE_INFINITY]);
    if (next !== '{') return null;
    const braces = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.source.slice(this.position));
    if (!braces) return null;
    const min = Number(braces[1]);
    const max = braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : Number.POSITIVE_INFINITY;
    return this.take(braces[0].length, [min, max]);
  }

  private take<T>(length: number, value: T): T {
    this.position += length;
    return value;
  }

  private atom(): Facts {
    const char = this.source[this.position++]!;
    if (char === '(') {
      const assertion = /^\?<?[=!]/.exec(this.source.slice(this.position));
      if (assertion) this.position += assertion[0].length;
      else if (this.source.startsWith('?:', this.position)) this.position += 2;
      else if (this.source.startsWith('?<', this.position))
        this.position = this.source.indexOf('>', this.position) + 1;
      const inner = this.alternation();
      if (this.source[this.position++] !== ')') return this.giveUp();
      return assertion ? empty : inner;
    }
    if (char === '[') return this.characterClass();
    if (char === '\\') return this.escape();
    if (char === '.') return anything;
    if (char === '^' || char === '$') return empty;
    return literal(char);
  }

  private escape(): Facts {
    const char = this.source[this.position++];
    if (char === undefined) return this.giveUp();
    if (char === 'b' || char === 'B') return empty;
    // Classes (\s, \w, \d…), back-references, \u escapes and control characters: no literal.
    if (/[A-Za-z0-9]/.test(char)) return anything;
    return literal(char);
  }

  private characterClass(): Facts {
    const end = this.source.indexOf(']', this.position + 1);
    if (end < 0) return this.giveUp();
    const body = this.source.slice(this.position, end);
    this.position = end + 1;
    // A negated class, a range or an escaped class stands for too many characters to list.
    if (body.startsWith('^') || body.includes('\\') || /.-./.test(body)) return anything;
    const chars = [...body].map(literal);
    if (chars.some((char) => !char.exact)) return anything;
    return { exact: new Set(chars.flatMap((char) => [...char.exact!])), required: null };
  }

  /** Syntax this parser does not follow: stop, and let requiredLiterals say nothing. */
  private giveUp(): Facts {
    this.position = Number.NaN;
    return anything;
  }
}
