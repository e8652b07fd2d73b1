// 党建工作台: the little script the pages use. No library, nothing from elsewhere; every page
// works without it, it only saves clicks. Loaded from /static, as the policy demands.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // A confirmation before a form that changes something weighty.
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    var form = button.form;
    if (!form) return;
    form.addEventListener("submit", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
  document.querySelectorAll("[data-back]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (window.history.length > 1) { event.preventDefault(); window.history.back(); }
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // Filters apply as soon as a choice changes.
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // The attendance picker: everyone present, or nobody, in one click.
  document.querySelectorAll("[data-roster]").forEach(function (roster) {
    roster.querySelectorAll("[data-check]").forEach(function (button) {
      button.addEventListener("click", function () {
        var value = button.getAttribute("data-check") === "all";
        roster.querySelectorAll("input[type=checkbox][name=present]").forEach(function (box) {
          box.checked = value;
          box.dispatchEvent(new Event("change"));
        });
      });
    });
    roster.querySelectorAll("input[type=checkbox][name=present]").forEach(function (box) {
      var reason = roster.querySelector("[data-reason-for='" + box.value + "']");
      var sync = function () { if (reason) reason.hidden = box.checked; };
      box.addEventListener("change", sync);
      sync();
    });
  });
  // Panels too costly for the page itself arrive once it is shown, drawn by the server.
  document.querySelectorAll("[data-load]").forEach(function (box) {
    fetch(box.getAttribute("data-load"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () { box.querySelector("p").textContent = "统计暂时无法加载，请稍后刷新。"; });
  });
  setUpTree();
});

// The organisation tree: one level at a time from /organizations/tree, and a search box.
function setUpTree() {
  var tree = document.querySelector("[data-tree]");
  if (!tree) return;
  var text = function (tag, value, cls) {
    var element = document.createElement(tag);
    element.textContent = value;
    if (cls) element.className = cls;
    return element;
  };
  var item = function (node) {
    var li = document.createElement("li");
    li.setAttribute("data-node", node.id);
    li.setAttribute("data-children", node.children);
    var link = text("a", node.name);
    link.href = "/organizations?id=" + node.id;
    li.appendChild(link);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(text("span", node.kind, "muted small"));
    addToggle(li);
    return li;
  };
  var addToggle = function (li) {
    if (li.getAttribute("data-children") === "0" || li.querySelector(":scope > .toggle")) return;
    var toggle = text("button", li.querySelector(":scope > ul") ? "▾" : "▸", "toggle");
    toggle.type = "button";
    toggle.setAttribute("aria-label", "展开");
    li.insertBefore(toggle, li.firstChild);
    toggle.addEventListener("click", function () {
      var open = li.querySelector(":scope > ul");
      if (open) { open.remove(); toggle.textContent = "▸"; return; }
      fetch("/organizations/tree?parent=" + li.getAttribute("data-node"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (nodes) {
          var ul = document.createElement("ul");
          nodes.forEach(function (node) { ul.appendChild(item(node)); });
          li.appendChild(ul);
          toggle.textContent = "▾";
        });
    });
  };
  tree.querySelectorAll("[data-tree-root] li").forEach(addToggle);
  // The organisation on the page is marked wherever it shows in the tree.
  var chosen = new URLSearchParams(window.location.search).get("id");
  if (chosen) tree.querySelectorAll("li[data-node='" + chosen + "'] > a").forEach(function (a) { a.classList.add("selected"); });
  var search = tree.querySelector("[data-tree-search]");
  var results = tree.querySelector("[data-tree-results]");
  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    var q = search.value.trim();
    if (!q) { results.hidden = true; return; }
    timer = setTimeout(function () {
      fetch("/organizations/tree?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (nodes) {
          results.textContent = "";
          if (!nodes.length) results.appendChild(text("li", "没有找到", "muted"));
          nodes.forEach(function (node) {
            var li = document.createElement("li");
            var link = text("a", node.name);
            link.href = "/organizations?id=" + node.id;
            li.appendChild(link);
            li.appendChild(text("div", node.trail || "", "muted small"));
            results.appendChild(li);
          });
          results.hidden = false;
        });
    }, 250);
  });
}
