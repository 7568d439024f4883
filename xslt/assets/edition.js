// The edition's scripts. Everything is readable without them: they narrow the index's list and
// start the full-text search page.
(function () {
  "use strict";

  // Index page: filter by year, person and place, and by words of titles and summaries, of the
  // names of the document's persons, places and organisations, and of its date.
  function filters() {
    var form = document.querySelector("form.filters");
    var data = document.getElementById("search-index");
    if (!form || !data) { return; }
    var docs = JSON.parse(data.textContent);
    // text and query folded alike: lower case, accents off, letters with none to take off folded
    // by the table the form carries (tei_encoder/data/site.json search_folding: ł as l, ß as ss)
    var table = {};
    try { table = JSON.parse(form.dataset.fold || "{}"); } catch (e) { table = {}; }
    var letters = Object.keys(table).join("");
    var others = letters ? new RegExp("[" + letters + "]", "g") : null;
    function fold(s) {
      var plain = s.toLowerCase().normalize("NFD").replace(/\p{M}+/gu, "");
      return others ? plain.replace(others, function (c) { return table[c]; }) : plain;
    }
    var text = {};
    docs.forEach(function (d) {
      text[d.id] = fold([d.title, d.summary, d.names || "", d.date || ""].join(" \n "));
    });
    var items = Array.prototype.slice.call(document.querySelectorAll("#doc-list > li"));
    var count = document.getElementById("result-count");
    // the counted phrase's forms by CLDR plural category (ui-strings.json: filter-count-one, -other, …)
    var forms = {};
    try { forms = JSON.parse(form.dataset.count || "{}"); } catch (e) { forms = {}; }
    var plural = null;
    try { plural = new Intl.PluralRules(document.documentElement.lang || "en"); } catch (e) { plural = null; }
    function template(n) {
      var category = plural ? plural.select(n) : (n === 1 ? "one" : "other");
      return forms[category] || forms.other || "{count} of {n}";
    }
    function has(list, value) { return !value || (" " + list + " ").indexOf(" " + value + " ") >= 0; }
    function apply() {
      var words = fold(form.q.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (li) {
        var ok = (!form.year.value || li.dataset.year === form.year.value)
          && has(li.dataset.person, form.person.value)
          && has(li.dataset.place, form.place.value)
          && words.every(function (w) { return text[li.dataset.id].indexOf(w) >= 0; });
        li.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = template(items.length).replace("{count}", shown).replace("{n}", items.length);
    }
    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  // Search page: Pagefind's UI over the index's shards (pagefind/shards.json lists them, the
  // first is the primary bundle, the others are merged into it, and the shards' bundles of
  // other languages, tei_encoder/search.py). Pagefind loads its index with
  // fetch(), which browsers refuse to pages opened from a file (file://): there the page says
  // how to serve the site instead.
  // A record of a page's text in another language (tei_encoder/search.py) carries the page's
  // title as hexadecimal UTF-8 (page_title_hex), a word no search matches: shown as its title.
  function titled(result) {
    var hex = result.meta && result.meta.page_title_hex;
    if (hex && !result.meta.title && typeof TextDecoder === "function") {
      var bytes = new Uint8Array((hex.match(/[0-9a-f]{2}/g) || []).map(function (h) { return parseInt(h, 16); }));
      result.meta.title = new TextDecoder().decode(bytes);
    }
    return result;
  }

  function fulltext() {
    var box = document.getElementById("search");
    if (!box) { return; }
    var unavailable = document.getElementById("search-unavailable");
    function fail() { box.hidden = true; if (unavailable) { unavailable.hidden = false; } }
    if (typeof window.PagefindUI !== "function") { fail(); return; }
    var base = new URL("pagefind/", document.baseURI).href;
    fetch(base + "shards.json")
      .then(function (response) { return response.json(); })
      .then(start)
      .catch(fail);
    function start(layout) {
      var merged = (layout.bundles || []).map(function (shard) { return { bundlePath: base + shard + "/" }; });
      // text in a script whose words are not separated by spaces (Chinese, Thai...) on a page of
      // another language, and pages in such a language: the shards' bundles of that language,
      // searched as that language (Pagefind splits the query's words by the index's language)
      (layout.languages || []).forEach(function (other) {
        merged.push({ bundlePath: base + other.bundle + "/", language: other.language });
      });
      var primary = merged.shift();  // its scripts and WebAssembly run the others
      if (!primary) { throw new Error("the search index is empty"); }
      var options = {
        element: "#search",
        bundlePath: primary.bundlePath,
        mergeIndex: merged,
        processResult: titled,
        showSubResults: true,
        showImages: false
      };
      // the edition's own words for the search box (UI strings pagefind-*), else Pagefind's for html lang
      var translations = JSON.parse(box.getAttribute("data-translations") || "{}");
      if (Object.keys(translations).length) { options.translations = translations; }
      // eslint-disable-next-line no-new
      new window.PagefindUI(options);
      var query = new URLSearchParams(location.search).get("q");
      var input = box.querySelector("input");
      if (query && input) {
        input.value = query;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
  }

  // Document page: what a sign or a reading of the text tells only in its title (a hover,
  // out of reach on a phone) is shown while it has the focus: the marks of the text that have a
  // title can be focused (tabindex="0", xslt/notes.xsl and alternatives.xsl), a tap or the keyboard
  // focuses one, and its title appears under it as a note (role="tooltip"), gone when it loses the
  // focus or with Escape.
  function tips() {
    var text = document.querySelector(".doc-text");
    if (!text) { return; }
    var tip = null;
    function hide() {
      if (tip) { tip.remove(); tip = null; }
    }
    text.addEventListener("focusin", function (event) {
      var mark = event.target;
      hide();
      if (!mark.getAttribute || mark.getAttribute("tabindex") !== "0" || !mark.title) { return; }
      tip = document.createElement("span");
      tip.className = "tip";
      tip.id = "tip";
      tip.setAttribute("role", "tooltip");
      tip.setAttribute("lang", document.documentElement.lang || "");
      tip.textContent = mark.title;
      mark.insertAdjacentElement("afterend", tip);
      mark.setAttribute("aria-describedby", "tip");
    });
    text.addEventListener("focusout", function (event) {
      if (event.target.removeAttribute) { event.target.removeAttribute("aria-describedby"); }
      hide();
    });
    text.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { hide(); }
    });
  }

  // Document pages: an inline formula wider than its line scrolls in its box (edition.css
  // .tei-math); the box then becomes a region a keyboard reaches and scrolls, named as the
  // display formulas' boxes are (data-label: the UI string formula-box).
  function formulas() {
    var boxes = document.querySelectorAll(".tei-math:not(.tei-math-block)");
    if (!boxes.length) { return; }
    function mark() {
      Array.prototype.forEach.call(boxes, function (box) {
        if (box.scrollWidth > box.clientWidth + 1) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", box.dataset.label || "");
        } else if (box.getAttribute("role") === "region") {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
      });
    }
    mark();
    window.addEventListener("resize", mark);
  }

  filters();
  fulltext();
  tips();
  formulas();
}());
