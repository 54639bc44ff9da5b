/* transitiekaart: the empty selection said in words (namespace TK.empty).
 *
 * Reads: TK.agg, TK.map, TK.bodies.list, TK.labels, TK.resetFilters (panels.js),
 * TK.onChange (filter.js).
 * When no project matches the filters the map and the project list say so, with a
 * "clear filters" button, instead of a map without circles and names that says nothing.
 * Texts reach the page with textContent.
 */
(function () {
  "use strict";
  var TK = window.transitiekaart = window.transitiekaart || {};
  var el = function () { return TK.el.apply(null, arguments); };
  var onMap = null;

  function message(cls) {
    var P = TK.labels, box = el("div", cls);
    box.setAttribute("role", "status");
    box.appendChild(el("p", "", P.empty_selection));
    var btn = el("button", "tk-btn", P.reset);
    btn.type = "button";
    btn.addEventListener("click", function () { TK.resetFilters(); });
    box.appendChild(btn);
    return box;
  }

  function update() {
    var empty = TK.agg && TK.agg.total === 0;
    // (the small screens' legend strip gives way: an empty map has nothing to key)
    TK.map.getContainer().classList.toggle("tk-empty-state", !!empty);
    if (empty && !onMap) {
      onMap = message("tk-empty");
      L.DomEvent.disableClickPropagation(onMap);
      TK.map.getContainer().appendChild(onMap);
    } else if (!empty && onMap) {
      onMap.remove();
      onMap = null;
    }
    var list = TK.bodies && TK.bodies.list;
    if (list) {
      var there = list.querySelector(".tk-empty-list");
      if (empty && !there) { list.insertBefore(message("tk-empty-list"), list.firstChild); }
      if (!empty && there) { there.remove(); }
    }
  }

  TK.empty = {update: update, shown: function () { return !!onMap; }};
})();
