// Copy-link: a click on the "Sao chép liên kết" link copies the article address instead of following it.
// Without JavaScript (or without the Clipboard API) the link simply leads to the article's own address.
(function () {
  "use strict";
  var link = document.querySelector(".share-copy[data-copy]");
  var status = document.querySelector(".share-status");
  if (!link || !navigator.clipboard) return;
  link.setAttribute("role", "button");
  link.addEventListener("click", function (event) {
    event.preventDefault();
    navigator.clipboard.writeText(link.getAttribute("data-copy")).then(
      function () { if (status) status.textContent = "Đã sao chép liên kết bài viết."; },
      function () { if (status) status.textContent = "Không sao chép được, hãy nhấn giữ liên kết để sao chép."; }
    );
  });
})();
