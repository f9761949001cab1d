/* Akira's ML news: split the reader's Japanese query the way the index was split.
 *
 * Sphinx splits Japanese text into words with its TinySegmenter port
 * (sphinx.search.ja.DefaultSplitter) when it builds the index, but its search
 * page splits the query only at spaces and punctuation (Sphinx issue 13395),
 * so 機械学習 looks for the one word 機械学習 while the index holds 機械 and
 * 学習. This file is the same segmenter, step for step; the model (its
 * weights) comes from the Python splitter at build time, in language_data.js,
 * so both sides cut a phrase at the same places. A phrase is cut by its
 * context, so the index also holds each long word's parts cut alone, and a
 * query word the index does not know is re-cut alone here (see search.py).
 */
"use strict";

function mlnewsSegment(model, input) {
  const chars = Array.from(input);  // code points, like iterating a Python str
  if (chars.length === 0) return [];
  const types = model.patterns.map(([source, type]) => [new RegExp("^" + source, "u"), type]);
  const ctype = (ch) => {
    for (const [pattern, type] of types) if (pattern.test(ch)) return type;
    return "O";
  };
  const ts = (table, key) => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : 0);
  const m = model.weights;
  const seg = ["B3", "B2", "B1", ...chars, "E1", "E2", "E3"];
  const ct = ["O", "O", "O", ...chars.map(ctype), "O", "O", "O"];
  const result = [];
  let word = seg[3];
  let p1 = "U";
  let p2 = "U";
  let p3 = "U";
  for (let i = 4; i < seg.length - 3; i++) {
    let score = m.BIAS__;
    const [w1, w2, w3, w4, w5, w6] = seg.slice(i - 3, i + 3);
    const [c1, c2, c3, c4, c5, c6] = ct.slice(i - 3, i + 3);
    score += ts(m.UP1__, p1) + ts(m.UP2__, p2) + ts(m.UP3__, p3);
    score += ts(m.BP1__, p1 + p2) + ts(m.BP2__, p2 + p3);
    score += ts(m.UW1__, w1) + ts(m.UW2__, w2) + ts(m.UW3__, w3);
    score += ts(m.UW4__, w4) + ts(m.UW5__, w5) + ts(m.UW6__, w6);
    score += ts(m.BW1__, w2 + w3) + ts(m.BW2__, w3 + w4) + ts(m.BW3__, w4 + w5);
    score += ts(m.TW1__, w1 + w2 + w3) + ts(m.TW2__, w2 + w3 + w4);
    score += ts(m.TW3__, w3 + w4 + w5) + ts(m.TW4__, w4 + w5 + w6);
    score += ts(m.UC1__, c1) + ts(m.UC2__, c2) + ts(m.UC3__, c3);
    score += ts(m.UC4__, c4) + ts(m.UC5__, c5) + ts(m.UC6__, c6);
    score += ts(m.BC1__, c2 + c3) + ts(m.BC2__, c3 + c4) + ts(m.BC3__, c4 + c5);
    score += ts(m.TC1__, c1 + c2 + c3) + ts(m.TC2__, c2 + c3 + c4);
    score += ts(m.TC3__, c3 + c4 + c5) + ts(m.TC4__, c4 + c5 + c6);
    // Sphinx's port scores p3 + c3 with UQ1 (not UQ3); the index was cut that way.
    score += ts(m.UQ1__, p1 + c1) + ts(m.UQ2__, p2 + c2) + ts(m.UQ1__, p3 + c3);
    score += ts(m.BQ1__, p2 + c2 + c3) + ts(m.BQ2__, p2 + c3 + c4);
    score += ts(m.BQ3__, p3 + c2 + c3) + ts(m.BQ4__, p3 + c3 + c4);
    score += ts(m.TQ1__, p2 + c1 + c2 + c3) + ts(m.TQ2__, p2 + c2 + c3 + c4);
    score += ts(m.TQ3__, p3 + c1 + c2 + c3) + ts(m.TQ4__, p3 + c2 + c3 + c4);
    let p = "O";
    if (score > 0) {
      result.push(word.trim());
      word = "";
      p = "B";
    }
    p1 = p2;
    p2 = p3;
    p3 = p;
    word += seg[i];
  }
  result.push(word.trim());
  return result;
}

/* The query's words: segmented like the index, without the punctuation a word
 * may start or end with (so "Self-Supervised" looks for "self" and
 * "supervised", and a leading "-" never turns a word into an exclusion), and
 * without one-character words, which the index leaves out too. A Japanese word
 * that the index does not hold is replaced by its parts, cut alone. */
function mlnewsSplitQuery(model, query) {
  const edges = /^[^\p{Letter}\p{Number}_]+|[^\p{Letter}\p{Number}_]+$/gu;
  const japanese = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  const clean = (words) =>
    words.map((word) => word.replace(edges, "")).filter((word) => Array.from(word).length > 1);
  const index = typeof Search !== "undefined" && Search._index ? Search._index : null;
  const known = (word) => {
    const key = word.toLowerCase();
    return !index || Object.hasOwn(index.terms, key) || Object.hasOwn(index.titleterms, key);
  };
  return clean(mlnewsSegment(model, query)).flatMap((word) => {
    if (Array.from(word).length < model.subwordMin || !japanese.test(word) || known(word)) return [word];
    const parts = clean(mlnewsSegment(model, word));
    return parts.length > 1 ? parts : [word];
  });
}
