// lede: click a name to highlight every mention of its entity (click again to clear).
document.documentElement.dataset.js = "on";
document.addEventListener("click", function (event) {
  var el = event.target.closest("[data-e]");
  if (!el) return;
  var id = el.getAttribute("data-e");
  var on = !el.classList.contains("hl");
  document.querySelectorAll(".hl").forEach(function (x) { x.classList.remove("hl"); });
  if (on) {
    document.querySelectorAll('[data-e="' + id + '"]').forEach(function (x) { x.classList.add("hl"); });
  }
});
