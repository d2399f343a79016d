// A structural check that a regular expression runs in linear time in a backtracking engine (V8's):
// no two unbounded quantifiers over common characters can take turns on the same run of text (adjacent,
// or separated only by parts that may match nothing, or one repeated against itself), and an unanchored
// pattern does not start with an unbounded quantifier (every start position would rescan the run).
// It parses the subset of the syntax the checker's patterns use; anything else throws.

type Node =
  | { type: "atom"; source: string }
  | { type: "assert"; zeroWidthGroup?: Node }
  | { type: "seq"; items: Node[] }
  | { type: "alt"; options: Node[] }
  | { type: "group"; body: Node }
  | { type: "quant"; body: Node; min: number; max: number; source: string };

export function parse(source: string): Node {
  let i = 0;
  const peek = () => source[i];

  function alternation(): Node {
    const options = [sequence()];
    while (peek() === "|") {
      i++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0] : { type: "alt", options };
  }

  function sequence(): Node {
    const items: Node[] = [];
    while (i < source.length && peek() !== "|" && peek() !== ")") {
      const start = i;
      const atom = term();
      items.push(quantified(atom, start));
    }
    return { type: "seq", items };
  }

  function quantified(atom: Node, start: number): Node {
    const q = /^(?:\*|\+|\?|\{(\d+)(?:(,)(\d*))?\})\??/.exec(source.slice(i));
    if (!q) return atom;
    i += q[0].length;
    const c = q[0][0];
    const [min, max] =
      c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : c === "?" ? [0, 1] : [Number(q[1]), q[2] ? (q[3] ? Number(q[3]) : Infinity) : Number(q[1])];
    if (atom.type === "assert") throw new Error(`quantified assertion at ${start}`);
    return { type: "quant", body: atom, min, max, source: source.slice(start, i) };
  }

  function term(): Node {
    const c = peek();
    if (c === "^" || c === "$") {
      i++;
      return { type: "assert" };
    }
    if (c === "(") {
      const head = /^\((\?:|\?=|\?!|\?<=|\?<!|\?<[A-Za-z]\w*>)?/.exec(source.slice(i))!;
      i += head[0].length;
      const body = alternation();
      if (peek() !== ")") throw new Error(`unclosed group in ${source}`);
      i++;
      const lookaround = head[1] !== undefined && /^\?(=|!|<=|<!)$/.test(head[1]);
      return lookaround ? { type: "assert", zeroWidthGroup: body } : { type: "group", body };
    }
    const start = i;
    if (c === "[") {
      i++;
      while (peek() !== "]") {
        if (i >= source.length) throw new Error(`unclosed class in ${source}`);
        i += peek() === "\\" ? 2 : 1;
      }
      i++;
      return { type: "atom", source: source.slice(start, i) };
    }
    if (c === "\\") {
      const esc = /^\\(?:[bB]|[pP]\{[^}]+\}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[1-9]\d*|.)/s.exec(source.slice(i))!;
      i += esc[0].length;
      if (esc[0] === "\\b" || esc[0] === "\\B") return { type: "assert" };
      if (/^\\[1-9]/.test(esc[0])) throw new Error(`back-reference in ${source}`);
      return { type: "atom", source: esc[0] };
    }
    if ("*+?{".includes(c)) throw new Error(`nothing to quantify at ${i} in ${source}`);
    i++;
    return { type: "atom", source: c };
  }

  const tree = alternation();
  if (i !== source.length) throw new Error(`unbalanced ) in ${source}`);
  return tree;
}

/** Code points the character sets are sampled on: ASCII, Latin-1 and Latin Extended-A, and the usual odd spaces and dashes. */
const SAMPLE = [
  ...Array.from({ length: 0x180 }, (_, c) => String.fromCharCode(c)),
  "\u2013",
  "\u2014",
  "\u2028",
  "\u2029",
  "\u3000",
  "\ufeff",
  "\u202f",
  "\u00ab",
  "\u00bb",
];

function charsOf(node: Node, flags: string): Set<string> {
  const set = new Set<string>();
  const visit = (n: Node) => {
    if (n.type === "atom") {
      const re = new RegExp(`^(?:${n.source})$`, flags);
      for (const ch of SAMPLE) if (re.test(ch)) set.add(ch);
    } else if (n.type === "seq") n.items.forEach(visit);
    else if (n.type === "alt") n.options.forEach(visit);
    else if (n.type === "group" || n.type === "quant") visit(n.body);
  };
  visit(node);
  return set;
}

function nullable(n: Node): boolean {
  switch (n.type) {
    case "atom":
      return false;
    case "assert":
      return true;
    case "seq":
      return n.items.every(nullable);
    case "alt":
      return n.options.some(nullable);
    case "group":
      return nullable(n.body);
    case "quant":
      return n.min === 0 || nullable(n.body);
  }
}

type Quant = Extract<Node, { type: "quant" }>;

/** The unbounded quantifiers that may consume the first (edge "head") or last ("tail") character matched by n. */
function edge(n: Node, side: "head" | "tail"): Quant[] {
  switch (n.type) {
    case "atom":
    case "assert":
      return [];
    case "quant":
      return n.max === Infinity ? [n] : edge(n.body, side);
    case "group":
      return edge(n.body, side);
    case "alt":
      return n.options.flatMap((o) => edge(o, side));
    case "seq": {
      const items = side === "head" ? n.items : [...n.items].reverse();
      const found: Quant[] = [];
      for (const item of items) {
        found.push(...edge(item, side));
        if (!nullable(item)) break;
      }
      return found;
    }
  }
}

/** The ways the pattern can backtrack more than linearly; empty when it cannot. */
export function superLinearParts(re: RegExp): string[] {
  const flags = re.flags.replace(/[gym]/g, "");
  const tree = parse(re.source);
  const problems: string[] = [];
  const overlap = (a: Quant, b: Quant) => {
    const chars = charsOf(b, flags);
    return [...charsOf(a, flags)].some((c) => chars.has(c));
  };
  const clash = (tails: Quant[], heads: Quant[], why: string) => {
    for (const t of tails) for (const h of heads) if (overlap(t, h)) problems.push(`${t.source} ${why} ${h.source}`);
  };
  const visit = (n: Node) => {
    if (n.type === "seq") {
      for (let a = 0; a < n.items.length; a++) {
        for (let b = a + 1; b < n.items.length; b++) {
          clash(edge(n.items[a], "tail"), edge(n.items[b], "head"), "then");
          if (!nullable(n.items[b])) break;
        }
      }
      n.items.forEach(visit);
    } else if (n.type === "alt") n.options.forEach(visit);
    else if (n.type === "group") visit(n.body);
    else if (n.type === "assert" && n.zeroWidthGroup) visit(n.zeroWidthGroup);
    else if (n.type === "quant") {
      if (n.max === Infinity) {
        clash(edge(n.body, "tail"), edge(n.body, "head"), "repeated against");
        if (n.body.type === "group" && n.body.body.type === "alt") {
          const firsts = n.body.body.options.map((o) => charsOf(o, flags));
          firsts.forEach((x, k) => firsts.slice(k + 1).forEach((y) => [...x].some((c) => y.has(c)) && problems.push(`${n.source} has overlapping alternatives`)));
        }
      }
      visit(n.body);
    }
  };
  visit(tree);
  const anchored = re.sticky || re.source.startsWith("^");
  if (!anchored) for (const q of edge(tree, "head")) problems.push(`${q.source} at the start of an unanchored pattern`);
  return problems;
}
