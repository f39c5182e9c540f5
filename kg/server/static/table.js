// Result tables that sort and filter in the page (the project's own script, no framework).
// Without JavaScript the column headings are links that sort on the server (?_sort=&_dir=);
// with it, a click sorts the rows in place and a text box above the table hides the rows that
// do not contain what is typed. Only textContent is read and written: nothing becomes HTML.
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var value = cell.firstElementChild || cell; // the value, without its @lang or datatype note
    return value.textContent.trim();
  }

  function compare(a, b, numeric) {
    if (a === "" || b === "") {
      return a === b ? 0 : (a === "" ? 1 : -1); // empty cells last
    }
    if (numeric) {
      return parseFloat(a) - parseFloat(b);
    }
    return a.localeCompare(b, document.documentElement.lang || "sv", { sensitivity: "base" });
  }

  function sortBy(table, th, index) {
    var body = table.tBodies[0];
    var descending = th.getAttribute("aria-sort") === "ascending";
    var numeric = th.hasAttribute("data-numeric");
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, i) { return { row: row, text: cellText(row, index), i: i }; });
    keyed.sort(function (x, y) {
      var c;
      if (x.text === "" || y.text === "") {
        c = compare(x.text, y.text, numeric); // empty last in either direction
      } else {
        c = compare(x.text, y.text, numeric) * (descending ? -1 : 1);
      }
      return c !== 0 ? c : x.i - y.i;
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
      other.setAttribute("aria-sort", "none");
    });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  function addFilter(table) {
    var box = document.createElement("p");
    box.className = "table-filter";
    var label = document.createElement("label");
    var input = document.createElement("input");
    var shown = document.createElement("output");
    input.type = "search";
    input.setAttribute("data-testid", "table-filter");
    label.textContent = (table.getAttribute("data-filter-label") || "Filter") + " ";
    label.appendChild(input);
    box.appendChild(label);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(shown);
    table.parentNode.insertBefore(box, table);
    var rows = table.tBodies[0].rows;
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLocaleLowerCase();
      var visible = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var hit = needle === "" || row.textContent.toLocaleLowerCase().indexOf(needle) >= 0;
        row.hidden = !hit;
        if (hit) { visible += 1; }
      });
      shown.textContent = needle === "" ? "" : visible + " / " + rows.length;
    });
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var link = th.querySelector("a.sort");
      if (!link) { return; }
      link.addEventListener("click", function (event) {
        event.preventDefault();
        sortBy(table, th, index);
      });
    });
    addFilter(table);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
