/* Comfort only: every page works without this file. Quick exit, error focus, character counts, copy. */
(function () {
  "use strict";

  // A page brought back from the back-forward cache would show answers as they were: fetch it again instead
  // (after quick exit the server then shows a page without them).
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.body.style.display = "none";
      window.location.reload();
    }
  });

  // Quick exit: leave for a neutral site and replace this page in the history, so Back does not return.
  var exitLink = document.querySelector("[data-quick-exit]");
  function quickExit(event) {
    if (event) { event.preventDefault(); }
    document.body.style.display = "none";
    window.location.replace(exitLink.href);
  }
  if (exitLink) {
    exitLink.addEventListener("click", quickExit);
    var shifts = 0, shiftTimer = null;
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { quickExit(event); return; }
      if (event.key === "Shift") {
        shifts += 1;
        clearTimeout(shiftTimer);
        shiftTimer = setTimeout(function () { shifts = 0; }, 1000);
        if (shifts >= 3) { quickExit(event); }
      }
    });
  }

  // Move focus to the error summary so screen readers announce it and the user sees it first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        var group = target.closest("fieldset") || target.closest(".field");
        (group || target).scrollIntoView();
        target.focus({ preventScroll: true });
      }
    });
  }

  // A form answered with a download leaves its page in place: clear the last attempt's messages when it is
  // sent again, so a download that worked is not shown beside an error that no longer holds.
  document.querySelectorAll("form[data-download]").forEach(function (form) {
    form.addEventListener("submit", function () {
      document.querySelectorAll("[data-error-summary], .error-message").forEach(function (old) { old.remove(); });
      document.querySelectorAll(".field-error, .input-error").forEach(function (old) {
        old.classList.remove("field-error", "input-error");
      });
    });
  });

  // Character counts on long answers.
  document.querySelectorAll("[data-counter-for]").forEach(function (counter) {
    var box = document.getElementById(counter.getAttribute("data-counter-for"));
    var limit = parseInt(box.getAttribute("data-limit"), 10);
    // The wording comes translated from the page: data-remaining and data-over, with {n} for the number.
    var template = counter.getAttribute("data-remaining");
    var overTemplate = counter.getAttribute("data-over");
    function update() {
      var remaining = limit - box.value.length;
      counter.textContent = (remaining >= 0 ? template : overTemplate).replace("{n}", Math.abs(remaining));
      counter.classList.toggle("over", remaining < 0);
    }
    box.addEventListener("input", update);
    update();
  });

  // Fingerprint a file kept on the phone without sending it anywhere (Web Crypto needs HTTPS or localhost).
  document.querySelectorAll("[data-fingerprint]").forEach(function (box) {
    var picker = box.querySelector(".fingerprint-picker");
    var file = box.querySelector("[data-fingerprint-file]");
    var status = box.querySelector("[data-fingerprint-status]");
    var target = box.querySelector("input[name=sha256]");
    if (!window.crypto || !window.crypto.subtle || !window.FileReader) { return; }
    picker.hidden = false;
    file.addEventListener("change", function () {
      if (!file.files.length) { return; }
      status.textContent = "…";
      file.files[0].arrayBuffer().then(function (buffer) {
        return window.crypto.subtle.digest("SHA-256", buffer);
      }).then(function (digest) {
        target.value = Array.from(new Uint8Array(digest)).map(function (b) {
          return b.toString(16).padStart(2, "0");
        }).join("");
        status.textContent = target.value;
      }).catch(function () { status.textContent = ""; });
    });
  });

  // Copy a document's text (the text stays selectable without JavaScript).
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var done = document.querySelector("[data-copied]");
    button.hidden = false;
    button.addEventListener("click", function () {
      source.select();
      var copied = navigator.clipboard ? navigator.clipboard.writeText(source.value) : Promise.reject();
      copied.catch(function () { document.execCommand("copy"); }).then(function () { if (done) { done.hidden = false; } });
    });
  });
})();
