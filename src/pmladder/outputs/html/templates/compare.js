// The compare view: two roles side by side, the dimensions that change marked. Without this
// script the table shows every role, so the page loses nothing but the choosing.
(function () {
  "use strict";
  var form = document.querySelector("form.pickers");
  var table = document.getElementById("compare-table");
  if (!form || !table) { return; }
  var first = document.getElementById("compare-a");
  var second = document.getElementById("compare-b");
  var only = document.getElementById("compare-only");
  var status = document.getElementById("compare-status");
  var word = document.getElementById("compare-changed-label").content.textContent;
  function cellText(row, col) {
    var cell = row.querySelector('td[data-col="' + col + '"]');
    return cell ? cell.textContent.replace(/\s+/g, " ").trim() : "";
  }
  function apply() {
    var a = first.value, b = second.value, changed = 0, rows = table.querySelectorAll("tr[data-row]");
    table.querySelectorAll("[data-col]").forEach(function (cell) {
      var col = cell.getAttribute("data-col");
      cell.hidden = col !== a && col !== b;
      cell.classList.toggle("second", col === b && a !== b);
    });
    rows.forEach(function (row) {
      var differs = cellText(row, a) !== cellText(row, b);
      row.classList.toggle("changed", differs);
      row.hidden = only.checked && !differs;
      if (differs) { changed += 1; }
    });
    table.classList.add("comparing");
    status.textContent = word + ": " + changed + " / " + rows.length;
  }
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  [first, second, only].forEach(function (control) { control.addEventListener("change", apply); });
  apply();
}());
