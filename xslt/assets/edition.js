// Index page: filter by year, person and place, and search titles and summaries.
// Everything is readable without this script; it only narrows the list.
(function () {
  "use strict";
  var form = document.querySelector("form.filters");
  var data = document.getElementById("search-index");
  if (!form || !data) { return; }
  var docs = JSON.parse(data.textContent);
  var text = {};
  docs.forEach(function (d) { text[d.id] = (d.title + " " + d.summary).toLowerCase(); });
  var items = Array.prototype.slice.call(document.querySelectorAll("#doc-list > li"));
  var count = document.getElementById("result-count");
  function has(list, value) { return !value || (" " + list + " ").indexOf(" " + value + " ") >= 0; }
  function apply() {
    var words = form.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (li) {
      var ok = (!form.year.value || li.dataset.year === form.year.value)
        && has(li.dataset.person, form.person.value)
        && has(li.dataset.place, form.place.value)
        && words.every(function (w) { return text[li.dataset.id].indexOf(w) >= 0; });
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + items.length + " documents shown";
  }
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
}());
