/* Site search for Báo Sơn Hà (plugins/search writes the index this script reads).
 *
 * The query is split into syllables and looked up as the index keys of plugins/search/text.py:
 * folded syllables ("Đà" -> "da"), folded pairs ("thi dua"), and exact Telex keys ("=ddaf"), which keep every mark
 * but not where the tone sits. Results come in tiers: the exact phrase, the phrase without marks, every syllable
 * with its marks, every syllable without marks. Titles and snippets always show the real text.
 */
(function (root) {
  "use strict";

  var TONES = { "\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j" };
  var TELEX = { "â": "aa", "ê": "ee", "ô": "oo", "ă": "aw", "ơ": "ow", "ư": "uw", "đ": "dd" };
  var SYLLABLE_RE = /\p{Nd}+(?:[.,]\p{Nd}+)*|[\p{L}\p{Nl}\p{No}]+/gu;
  var PAGE_SIZE = 10;

  /* vntext.fold: lower case, marks removed, đ -> d. */
  function fold(text) {
    return text.normalize("NFC").normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  /* vntext.telex of one syllable: "hoà" and "hòa" -> "hoaf", "đua" -> "ddua". */
  function telex(syllable) {
    var decomposed = syllable.normalize("NFC").toLowerCase().normalize("NFD");
    var tone = "", kept = "", out = "";
    for (var ch of decomposed) {
      if (TONES[ch]) { if (!tone) tone = ch; } else kept += ch;
    }
    for (var c of kept.normalize("NFC")) out += TELEX[c] || c;
    return out + (tone ? TONES[tone] : "");
  }

  /* vntext.syllables: words and numbers, punctuation dropped. */
  function syllables(text) {
    return text.normalize("NFC").match(SYLLABLE_RE) || [];
  }

  /* The keys a query looks up, tier by tier (text.query_terms in Python). */
  /* Where the index breaks runs of syllables (text._BREAK_RE): no pair is kept across these. */
  var BREAK = /[.,;:!?…](?:\s|$)|[()\[\]{}"“”‘’«»–—\/|\n]/;

  function queryTerms(query) {
    var runs = [], syls = [];
    query.split(BREAK).forEach(function (piece) {
      var run = syllables(piece).slice(0, 10 - syls.length);
      if (run.length) { runs.push(run); syls = syls.concat(run); }
    });
    var exactOf = function (s) { return "=" + telex(s); };
    var f = syls.map(fold), e = syls.map(exactOf);
    var marked = e.some(function (x, i) { return x.slice(1) !== f[i]; });
    var tiers = [];
    var pairs = function (key, cut) {
      var out = [];
      runs.forEach(function (run) {
        var list = run.map(key);
        for (var i = 1; i < list.length; i++) out.push(list[i - 1] + " " + list[i].slice(cut));
      });
      return out;
    };
    var phrase = pairs(fold, 0);
    if (phrase.length) {
      if (marked) tiers.push({ name: "exact-phrase", terms: pairs(exactOf, 1) });
      tiers.push({ name: "phrase", terms: phrase });
    }
    if (marked) tiers.push({ name: "exact", terms: e });
    if (syls.length) tiers.push({ name: "words", terms: f });
    return { syllables: syls, folded: f, exact: e, tiers: tiers };
  }

  /* 32-bit FNV-1a of the UTF-8 bytes (text.fnv1a in Python). */
  function fnv1a(term) {
    var h = 0x811c9dc5;
    var bytes = new TextEncoder().encode(term);
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /* Rank documents: postings maps term -> {ids: [...], weights: [...]} ; n = number of documents. */
  function rank(plan, postings, n) {
    var seen = new Set(), results = [];
    plan.tiers.forEach(function (tier, level) {
      var lists = tier.terms.map(function (t) { return postings.get(t) || { ids: [], weights: [] }; });
      if (!lists.length || lists.some(function (l) { return !l.ids.length; })) return;
      var scores = null;
      lists.slice().sort(function (a, b) { return a.ids.length - b.ids.length; }).forEach(function (list) {
        var idf = Math.log(1 + n / list.ids.length), next = new Map();
        for (var i = 0; i < list.ids.length; i++) {
          var id = list.ids[i];
          if (scores && !scores.has(id)) continue;
          var w = list.weights[i];
          next.set(id, (scores ? scores.get(id) : 0) + idf * (w * 2.2) / (w + 1.2));
        }
        scores = next;
      });
      var tierHits = [];
      scores.forEach(function (score, id) { if (!seen.has(id)) tierHits.push({ id: id, tier: level, score: score }); });
      tierHits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      tierHits.forEach(function (hit) { seen.add(hit.id); results.push(hit); });
    });
    // Last, for three syllables or more: pages missing one of them (a typo, a word the page does not use).
    var words = Array.from(new Set(plan.folded));
    if (words.length >= 3) {
      var counts = new Map(), scores = new Map();
      words.forEach(function (t) {
        var list = postings.get(t) || { ids: [], weights: [] }, idf = Math.log(1 + n / Math.max(1, list.ids.length));
        for (var i = 0; i < list.ids.length; i++) {
          var id = list.ids[i], w = list.weights[i];
          counts.set(id, (counts.get(id) || 0) + 1);
          scores.set(id, (scores.get(id) || 0) + idf * (w * 2.2) / (w + 1.2));
        }
      });
      var rest = [];
      counts.forEach(function (count, id) {
        if (count >= words.length - 1 && !seen.has(id)) rest.push({ id: id, tier: plan.tiers.length, score: scores.get(id) });
      });
      rest.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      rest.forEach(function (hit) { results.push(hit); });
    }
    return results;
  }

  function tokens(text) {
    var out = [], m;
    SYLLABLE_RE.lastIndex = 0;
    while ((m = SYLLABLE_RE.exec(text))) out.push({ s: m.index, e: m.index + m[0].length, f: fold(m[0]), x: telex(m[0]) });
    return out;
  }

  /* Parts [[text, highlighted], ...] of `text` between tokens start..end, marking the query's syllables. */
  function markParts(text, toks, start, end, wanted) {
    var parts = [], at = toks.length ? toks[start].s : 0;
    for (var i = start; i < end; i++) {
      if (!wanted.has(toks[i].f)) continue;
      if (toks[i].s > at) parts.push([text.slice(at, toks[i].s), false]);
      parts.push([text.slice(toks[i].s, toks[i].e), true]);
      at = toks[i].e;
    }
    var stop = end > start ? toks[end - 1].e : at;
    if (stop > at) parts.push([text.slice(at, stop), false]);
    return parts.map(function (p) { return [p[0].replace(/\s+/g, " "), p[1]]; });
  }

  /* The window of `text` that best shows the query, as parts with the matches highlighted. */
  function snippet(text, plan, size) {
    size = size || 30;
    var toks = tokens(text), wanted = new Set(plan.folded), q = plan.folded, x = plan.exact;
    var best = -1, bestScore = 0;
    for (var i = 0; i < toks.length; i++) {
      if (!wanted.has(toks[i].f)) continue;
      var k = 0, exactAll = true;
      while (k < q.length && i + k < toks.length && toks[i + k].f === q[k]) {
        if ("=" + toks[i + k].x !== x[k]) exactAll = false;
        k++;
      }
      var distinct = new Set();
      for (var j = i; j < Math.min(toks.length, i + size); j++) if (wanted.has(toks[j].f)) distinct.add(toks[j].f);
      var score = k * 10 + (k === q.length && exactAll ? 5 : 0) + distinct.size;
      if (score > bestScore) { best = i; bestScore = score; }
    }
    var start = best < 0 ? 0 : Math.max(0, best - 8);
    var end = Math.min(toks.length, start + size);
    var parts = markParts(text, toks, start, end, wanted);
    if (start > 0) parts.unshift(["… ", false]);
    if (end < toks.length) parts.push([" …", false]);
    return parts;
  }

  function titleParts(title, plan) {
    var toks = tokens(title);
    if (!toks.length) return [[title, false]];
    var parts = markParts(title, toks, 0, toks.length, new Set(plan.folded));
    if (toks[0].s > 0) parts.unshift([title.slice(0, toks[0].s), false]);
    var last = toks[toks.length - 1].e;
    if (last < title.length) parts.push([title.slice(last), false]);
    return parts;
  }

  var api = { fold: fold, telex: telex, syllables: syllables, queryTerms: queryTerms, fnv1a: fnv1a, rank: rank,
    snippet: snippet, titleParts: titleParts };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }
  root.sonHaSearch = api;

  /* ---------- browser ---------- */
  var box = document.querySelector("form.search-box");
  if (!box) return;
  var base = new URL(box.getAttribute("data-search-index"), document.baseURI).href;
  var siteRoot = new URL(box.getAttribute("data-site-root"), document.baseURI).href;
  var manifestPromise = null;
  var shardCache = new Map();

  function getJSON(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function manifest() {
    if (!manifestPromise) {
      manifestPromise = getJSON(base + "index.json").then(function (m) {
        m.yearOf = new Int16Array(m.n);
        var id = 0;
        m.years.forEach(function (run) { for (var i = 0; i < run[1]; i++) m.yearOf[id++] = run[0]; });
        m.sectionOf = function (docId) { return m.sections[SECTION_CODES.indexOf(m.sec[docId])]; };
        return m;
      });
    }
    return manifestPromise;
  }
  var SECTION_CODES = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  function shard(m, number) {
    if (!shardCache.has(number)) shardCache.set(number, getJSON(base + "s/" + number + ".json?v=" + m.v));
    return shardCache.get(number);
  }

  function lookUp(m, terms) {
    var unique = Array.from(new Set(terms));
    return Promise.all(unique.map(function (t) { return shard(m, fnv1a(t) % m.shards); })).then(function (shards) {
      var postings = new Map();
      unique.forEach(function (term, i) {
        var flat = shards[i][term] || [], ids = [], weights = [], id = 0;
        for (var k = 0; k < flat.length; k += 2) { id += flat[k]; ids.push(id); weights.push(flat[k + 1]); }
        postings.set(term, { ids: ids, weights: weights });
      });
      return postings;
    });
  }

  function search(query) {
    var plan = queryTerms(query);
    return manifest().then(function (m) {
      var terms = [];
      plan.tiers.forEach(function (t) { terms = terms.concat(t.terms); });
      return lookUp(m, terms).then(function (postings) {
        return { plan: plan, manifest: m, hits: rank(plan, postings, m.n) };
      });
    });
  }

  var page = document.getElementById("trang-tim-kiem");
  if (!page) { manifest(); return; }  // a header box was focused: warm the cache for the results page

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var sectionSelect = document.getElementById("search-section");
  var yearSelect = document.getElementById("search-year");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var current = null, shown = 0, filtered = [], generation = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function appendParts(node, parts) {
    parts.forEach(function (p) {
      if (p[1]) node.appendChild(el("mark", "", p[0]));
      else node.appendChild(document.createTextNode(p[0]));
    });
  }

  function setStatus(text, query) {
    status.textContent = "";
    if (query === undefined) { status.textContent = text; return; }
    status.appendChild(document.createTextNode(text + " "));
    status.appendChild(el("strong", "", "«" + query + "»"));
  }

  function number(n) { return n.toLocaleString("vi-VN"); }

  function relabel(select, counts, allLabel) {
    Array.prototype.forEach.call(select.options, function (option) {
      var base = option.getAttribute("data-label") || option.textContent;
      option.setAttribute("data-label", base);
      option.textContent = option.value ? base + " (" + number(counts.get(option.value) || 0) + ")" : allLabel;
    });
  }

  function applyFilters() {
    if (!current) return;
    var m = current.manifest, section = sectionSelect.value, year = yearSelect.value;
    var bySection = new Map(), byYear = new Map();
    filtered = current.hits.filter(function (hit) {
      var s = m.sectionOf(hit.id), y = String(m.yearOf[hit.id] || "");
      if (!year || y === year) bySection.set(s, (bySection.get(s) || 0) + 1);
      if (!section || s === section) byYear.set(y, (byYear.get(y) || 0) + 1);
      return (!section || s === section) && (!year || y === year);
    });
    relabel(sectionSelect, bySection, "Tất cả chuyên mục");
    relabel(yearSelect, byYear, "Tất cả các năm");
    list.textContent = "";
    shown = 0;
    var q = current.query;
    if (!current.hits.length) {
      setStatus("Không tìm thấy kết quả nào cho", q);
      status.appendChild(document.createTextNode(". Hãy thử từ khóa ngắn hơn hoặc kiểm tra chính tả."));
    } else if (!filtered.length) {
      setStatus("Không có kết quả nào cho", q);
      status.appendChild(document.createTextNode(" trong chuyên mục hoặc năm đã chọn (" +
        number(current.hits.length) + " kết quả khi bỏ bộ lọc)."));
    } else {
      setStatus("Tìm thấy " + number(filtered.length) + " kết quả cho", q);
    }
    showMore().then(function () { page.setAttribute("data-state", "done"); });
  }

  function showMore() {
    var batch = filtered.slice(shown, shown + PAGE_SIZE), gen = generation;
    shown += batch.length;
    more.hidden = shown >= filtered.length;
    return Promise.all(batch.map(function (hit) { return getJSON(base + "d/" + hit.id + ".json?v=" + current.manifest.v); }))
      .then(function (docs) {
        if (gen !== generation) return;
        docs.forEach(function (doc) {
          var item = el("li", "search-hit");
          var heading = el("h2", "search-hit-title");
          var link = el("a");
          link.href = new URL(doc.u, siteRoot).href;
          appendParts(link, titleParts(doc.t, current.plan));
          heading.appendChild(link);
          item.appendChild(heading);
          var meta = el("p", "meta");
          meta.appendChild(el("span", "search-hit-section", doc.s));
          if (doc.d) {
            meta.appendChild(document.createTextNode(" · "));
            var time = el("time", "", doc.d);
            if (doc.i) time.setAttribute("datetime", doc.i);
            meta.appendChild(time);
          }
          item.appendChild(meta);
          var text = el("p", "search-snippet");
          appendParts(text, snippet(doc.x || "", current.plan));
          item.appendChild(text);
          list.appendChild(item);
        });
      });
  }

  function run() {
    var params = new URLSearchParams(location.search);
    var q = (params.get("q") || "").trim();
    input.value = q;
    var header = document.getElementById("o-tim-kiem");
    if (header) header.value = q;
    sectionSelect.value = params.get("muc") || "";
    yearSelect.value = params.get("nam") || "";
    var gen = ++generation;
    page.setAttribute("data-state", "busy");
    list.textContent = "";
    more.hidden = true;
    if (!syllables(q).length) {
      current = null;
      setStatus("Nhập từ khóa để tìm bài viết, phong trào thi đua và gương điển hình. Có dấu hay không dấu đều được.");
      page.setAttribute("data-state", "done");
      return Promise.resolve();
    }
    setStatus("Đang tìm…");
    return search(q).then(function (result) {
      if (gen !== generation) return;
      result.query = q;
      current = result;
      applyFilters();
    }).catch(function () {
      setStatus("Không tải được dữ liệu tìm kiếm. Mời bạn thử lại sau.");
      page.setAttribute("data-state", "error");
    });
  }

  function pushState() {
    var params = new URLSearchParams();
    params.set("q", input.value.trim());
    if (sectionSelect.value) params.set("muc", sectionSelect.value);
    if (yearSelect.value) params.set("nam", yearSelect.value);
    history.pushState(null, "", "?" + params.toString());
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    pushState();
    run();
  });
  [sectionSelect, yearSelect].forEach(function (select) {
    select.addEventListener("change", function () {
      pushState();
      // A query typed but not yet submitted: the filter applies to it, not to the results still on show.
      if (!current || input.value.trim() !== current.query) return run();
      generation++;
      page.setAttribute("data-state", "busy");
      applyFilters();
    });
  });
  more.addEventListener("click", function () { showMore(); });
  window.addEventListener("popstate", run);
  run();
})(typeof window !== "undefined" ? window : globalThis);
