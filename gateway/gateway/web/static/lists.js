// List pages: "select every row on this page", the count of rows ticked, and a bulk job's
// progress read from /api/v1/bulk-jobs/{id} until it ends. The pages work without it.
(function () {
  "use strict";

  function wireSelection(form) {
    var all = document.querySelector("[data-select-page]");
    var boxes = Array.prototype.slice.call(
      document.querySelectorAll('input[name=ids][form="' + form.id + '"]'));
    var count = form.querySelector("[data-selected-count]");
    var selectedScope = form.querySelector("#scope-selected");
    function update() {
      var ticked = boxes.filter(function (box) { return box.checked; }).length;
      if (count) { count.textContent = String(ticked); }
      if (all) {
        all.checked = ticked > 0 && ticked === boxes.length;
        all.indeterminate = ticked > 0 && ticked < boxes.length;
      }
      if (ticked && selectedScope) { selectedScope.checked = true; }
    }
    if (all) {
      all.hidden = false;
      all.addEventListener("change", function () {
        boxes.forEach(function (box) { box.checked = all.checked; });
        update();
      });
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  }

  function set(root, name, text) {
    var el = root.querySelector('[data-field="' + name + '"]');
    if (el) { el.textContent = text; }
  }

  function showJob(root, job) {
    ["done", "total", "changed", "refused", "error"].forEach(function (name) {
      set(root, name, String(job[name]));
    });
    ["running", "finished", "failed"].forEach(function (state) {
      var el = root.querySelector('[data-field="state-' + state + '"]');
      if (el) { el.hidden = job.state !== state; }
    });
    var bar = root.querySelector("progress");
    bar.max = job.total || 1;
    bar.value = job.done;
    var body = root.querySelector('[data-field="refusals"]');
    if (job.refusals.length) {
      body.textContent = "";
      job.refusals.forEach(function (refusal) {
        var row = body.insertRow();
        var code = document.createElement("code");
        code.textContent = refusal.id;
        row.insertCell().appendChild(code);
        row.insertCell().textContent = refusal.reason;
      });
    }
    root.dataset.state = job.state;
  }

  function followJob(root) {
    function poll() {
      fetch(root.dataset.bulkJob, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (job) {
          if (job) { showJob(root, job); }
          if (!job || job.state === "running") { window.setTimeout(poll, 700); }
        })
        .catch(function () { window.setTimeout(poll, 2000); });
    }
    if (root.dataset.state === "running") { poll(); }
  }

  document.querySelectorAll("form.bulk-form").forEach(wireSelection);
  document.querySelectorAll("[data-bulk-job]").forEach(followJob);
})();
