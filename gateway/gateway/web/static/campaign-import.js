// The campaign import page: sends the form with XMLHttpRequest, whose upload events drive the
// progress bar (fetch has none), then shows the report the server renders for it. Without
// this script the form posts as usual and the page comes back with the same report.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form) return;
  var progress = document.getElementById("import-progress");
  var status = document.getElementById("import-status");
  var result = document.getElementById("import-result");
  var button = form.querySelector("button[type=submit]");

  function finish(text) {
    button.disabled = false;
    progress.hidden = true;
    status.textContent = text || "";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.setRequestHeader("X-Fragment", "import-report");
    request.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.round((e.loaded / e.total) * 100);
      progress.value = percent;
      status.textContent = form.dataset.uploadingText.replace("{percent}", percent + "%");
    });
    request.upload.addEventListener("load", function () {
      progress.removeAttribute("value"); // indeterminate while the rows are checked
      status.textContent = form.dataset.checkingText;
    });
    request.addEventListener("load", function () {
      if (request.status === 413) return finish(form.dataset.tooLargeText);
      if (request.status !== 200 && request.status !== 400) return finish(form.dataset.failedText);
      result.innerHTML = request.responseText;
      finish("");
      var report = result.querySelector("h2, [role=alert]");
      if (report) { report.tabIndex = -1; report.focus(); }
    });
    request.addEventListener("error", function () { finish(form.dataset.failedText); });
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    result.innerHTML = "";
    request.send(new FormData(form));
  });
})();
