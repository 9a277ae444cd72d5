/* Loads the site search only when it is needed: on the results page, or when the reader focuses a search box. */
(function () {
  "use strict";
  var box = document.querySelector("form.search-box");
  if (!box) return;
  var loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = box.getAttribute("data-search-js");
    script.async = true;
    document.head.appendChild(script);
  }
  if (document.getElementById("trang-tim-kiem")) load();
  else box.addEventListener("focusin", load);
})();
