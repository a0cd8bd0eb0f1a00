// Progressive enhancement for the offer form: "add a row" without a round trip to the server.
// Without this script the same buttons submit the form and the server adds the row.
(function () {
  "use strict";
  document.querySelectorAll("button[data-add-row]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      var name = button.getAttribute("data-add-row");
      var template = document.getElementById("template-" + name);
      var list = document.querySelector('[data-rows="' + name + '"]');
      if (!template || !list) { return; }  // let the form submit instead
      event.preventDefault();
      var index = parseInt(button.getAttribute("data-next"), 10);
      var html = template.innerHTML
        .split("__INDEX__").join(String(index))
        .split("-INDEX-").join("-" + index + "-")
        .split("__NUMBER__").join(String(index + 1));
      list.insertAdjacentHTML("beforeend", html);
      button.setAttribute("data-next", String(index + 1));
      var rows = list.querySelectorAll("fieldset.row");
      var first = rows[rows.length - 1].querySelector("input, select, textarea");
      if (first) { first.focus(); }
    });
  });
  var summary = document.getElementById("foutoverzicht");
  if (summary) { summary.focus(); }
})();
