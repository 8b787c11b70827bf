// The search tokenizer, mirroring bulletin/search/tokenize.py exactly
// (tests/search/token_vectors.json is run against both).
//
// Runs of CJK characters become overlapping bigrams (a one-character run stays one token),
// Latin letters and digits form words, everything else separates tokens. Each code point is
// folded first, one code point to one code point: full-width ASCII to half-width, ASCII and
// Latin-1 capitals to lower case, Traditional to Simplified through the build's character map.
// Strings are walked by code point, never by UTF-16 unit: many CJK characters lie outside the
// Basic Multilingual Plane.

const CJK_RANGES = [
  [0x3007, 0x3007],
  [0x3040, 0x30ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7af],
  [0xf900, 0xfaff],
  [0x20000, 0x323af],
];

export function isCjk(code) {
  for (const [first, last] of CJK_RANGES) {
    if (code >= first && code <= last) return true;
  }
  return false;
}

export function isWordChar(code) {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xdf && code <= 0xff && code !== 0xf7)
  );
}

function isQuerySpace(code) {
  return (code >= 0x09 && code <= 0x0d) || code === 0x20 || code === 0xa0;
}

function foldWidthAndCase(code) {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
  else if (code === 0x3000) code = 0x20;
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0xc0 && code <= 0xde && code !== 0xd7)) {
    code += 0x20;
  }
  return code;
}

// The fold map as the build writes it: one string of (Traditional, Simplified) code point pairs.
export function parseFoldMap(pairs) {
  const map = new Map();
  const chars = Array.from(pairs || "");
  for (let i = 0; i + 1 < chars.length; i += 2) {
    map.set(chars[i].codePointAt(0), chars[i + 1].codePointAt(0));
  }
  return map;
}

export class Tokenizer {
  constructor(foldMap = new Map()) {
    this.foldMap = foldMap;
    // Only these code points change when folded; the rest of a text is left to the regex engine.
    const keys = [...foldMap.keys()].map((code) => `\\u{${code.toString(16)}}`).join("");
    this.foldable = new RegExp(`[\\uff01-\\uff5e\\u3000A-Z\\u00c0-\\u00d6\\u00d8-\\u00de${keys}]`, "gu");
  }

  foldCode(code) {
    const folded = foldWidthAndCase(code);
    const mapped = this.foldMap.get(folded);
    return mapped === undefined ? folded : mapped;
  }

  fold(text) {
    return text.replace(this.foldable, (char) =>
      String.fromCodePoint(this.foldCode(char.codePointAt(0))),
    );
  }

  // Tokens with the [start, end) span each covers in `text`, in UTF-16 units of the original
  // string, ready for slicing it to highlight a match.
  spans(text) {
    const codes = [];
    const offsets = [];
    let offset = 0;
    for (const char of text) {
      codes.push(this.foldCode(char.codePointAt(0)));
      offsets.push(offset);
      offset += char.length;
    }
    offsets.push(offset);
    const tokens = [];
    let i = 0;
    while (i < codes.length) {
      const kind = isCjk(codes[i]) ? "cjk" : isWordChar(codes[i]) ? "word" : null;
      if (kind === null) {
        i += 1;
        continue;
      }
      const inRun = kind === "cjk" ? isCjk : isWordChar;
      let end = i;
      while (end < codes.length && inRun(codes[end])) end += 1;
      if (kind === "word" || end - i === 1) {
        tokens.push(token(codes, offsets, i, end));
      } else {
        for (let start = i; start < end - 1; start += 1) {
          tokens.push(token(codes, offsets, start, start + 2));
        }
      }
      i = end;
    }
    return tokens;
  }

  tokens(text) {
    return this.spans(text).map((t) => t.text);
  }

  // Every three CJK characters in a row, in order: the keys of the whole-phrase test.
  trigrams(text) {
    const found = [];
    let run = [];
    for (const char of this.fold(text) + " ") {
      if (isCjk(char.codePointAt(0))) {
        run.push(char);
        continue;
      }
      for (let i = 0; i + 2 < run.length; i += 1) found.push(run[i] + run[i + 1] + run[i + 2]);
      run = [];
    }
    return found;
  }

  // A reader's query as phrase groups: the tokens of each space-separated part.
  queryGroups(query) {
    const groups = [];
    let part = "";
    for (const char of this.fold(query) + " ") {
      if (!isQuerySpace(char.codePointAt(0))) {
        part += char;
        continue;
      }
      const tokens = this.tokens(part);
      if (tokens.length) groups.push(tokens);
      part = "";
    }
    return groups;
  }
}

function token(codes, offsets, start, end) {
  return {
    text: String.fromCodePoint(...codes.slice(start, end)),
    start: offsets[start],
    end: offsets[end],
  };
}
