// Publish (or Save, or Submit) chosen while autosave is still saving waits for that autosave,
// then goes ahead. On a new page the first autosave creates the page: a Publish sent alongside it
// would create the same page a second time and fail with "The slug … is already in use",
// leaving a stray draft. Once the autosave has answered, the form's address is the new page's
// editor, so the Publish publishes the page autosave made.
(function () {
  "use strict";

  var LONGEST_WAIT_MS = 15000; // an autosave that never answers must not hold Publish for ever
  var saving = false;
  var resume = null;

  document.addEventListener("w-autosave:save", function () {
    saving = true;
  });

  function settled() {
    saving = false;
    if (resume) {
      var next = resume;
      resume = null;
      // Wagtail updates the form (new address, loaded revision) before "success"; let the
      // page's own handlers finish in this frame first.
      window.requestAnimationFrame(next);
    }
  }
  document.addEventListener("w-autosave:success", settled);
  document.addEventListener("w-autosave:error", settled);

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!saving || !(form instanceof HTMLFormElement) || !form.matches("form[data-edit-form]")) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      var submitter = event.submitter;
      var timer = window.setTimeout(settled, LONGEST_WAIT_MS);
      resume = function () {
        window.clearTimeout(timer);
        // The clicked button may be disabled by now ("Publishing…"), and a disabled button's
        // name is not sent: carry its name and value in a hidden field instead.
        if (submitter && submitter.name) {
          var carried = document.createElement("input");
          carried.type = "hidden";
          carried.name = submitter.name;
          carried.value = submitter.value;
          form.appendChild(carried);
        }
        form.requestSubmit();
      };
    },
    true
  );
})();
