// Bình Yên: small enhancements. Every page works without this file.
(function () {
  "use strict";

  // The console's queue: j / k move the selection, Enter opens, / focuses the search box.
  function queueKeys() {
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-report-id]"));
    var search = document.querySelector("[data-search]");
    if (!rows.length && !search) return;
    var at = -1;
    function select(i) {
      if (!rows.length) return;
      at = Math.max(0, Math.min(rows.length - 1, i));
      rows.forEach(function (r, j) { r.classList.toggle("selected", j === at); });
      var link = rows[at].querySelector("a");
      if (link) link.focus();
    }
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
      if (typing || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "j") { select(at + 1); e.preventDefault(); }
      else if (e.key === "k") { select(at - 1); e.preventDefault(); }
      else if (e.key === "/" && search) { search.focus(); e.preventDefault(); }
      else if (e.key === "Enter" && at >= 0) {
        var a = rows[at].querySelector("a");
        if (a) { a.click(); e.preventDefault(); }
      }
    });
  }

  // Actions on a report: c confirms, r rejects, m merges (focus the form's first field).
  function reportKeys() {
    var forms = { c: "confirm-form", r: "reject-form", m: "merge-form" };
    if (!document.getElementById("confirm-form")) return;
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
      if (typing || e.altKey || e.ctrlKey || e.metaKey) return;
      var id = forms[e.key];
      var form = id && document.getElementById(id);
      if (!form) return;
      var field = form.querySelector("select, input:not([type=hidden]), textarea, button");
      if (field) { field.focus(); form.scrollIntoView({ block: "center" }); e.preventDefault(); }
    });
  }

  // The report form: hide the contact fields while "anonymous" is ticked.
  function anonymousToggle() {
    var box = document.querySelector("input[name=anonymous]");
    var contact = document.getElementById("contact-fields");
    if (!box || !contact) return;
    function update() { contact.hidden = box.checked; }
    box.addEventListener("change", update);
    update();
  }

  // Copy buttons ([data-copy]: the text to copy).
  function copyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        if (navigator.clipboard) navigator.clipboard.writeText(b.getAttribute("data-copy"));
        b.setAttribute("aria-live", "polite");
        b.textContent = b.getAttribute("data-copied") || "OK";
      });
    });
  }

  // Share buttons ([data-share]: the URL): the phone's own share sheet, which offers Zalo,
  // Messenger and the rest; shown only where the browser has one.
  function shareButtons() {
    if (!navigator.share) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-share]"), function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        navigator.share({ title: b.getAttribute("data-share-title") || document.title,
                          url: b.getAttribute("data-share") }).catch(function () {});
      });
    });
  }

  // Print buttons on posters.
  function printButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
  }

  // The check box: a long message would not fit in a URL (the server takes 16 KiB of request
  // head), so it goes as a form post instead.
  function longChecks() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-check-form]"), function (f) {
      f.addEventListener("submit", function () {
        var q = f.querySelector("[name=q]");
        if (q && encodeURIComponent(q.value).length > 4000) f.method = "post";
      });
    });
  }

  function start() {
    longChecks();
    queueKeys();
    reportKeys();
    anonymousToggle();
    copyButtons();
    shareButtons();
    printButtons();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
