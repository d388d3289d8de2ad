// The convert form: the deal's fields are disabled (and so neither filled in nor sent) while
// "Also create a deal" is unticked. Without this script they stay editable and the server
// ignores them when the box is unticked.
(function () {
  "use strict";
  var box = document.getElementById("create_deal");
  var fields = document.getElementById("deal-fields");
  if (!box || !fields) return;
  function sync() { fields.disabled = !box.checked; }
  box.addEventListener("change", sync);
  sync();
})();
