// The SPARQL editor page: YASGUI in place of the plain form, configured from the page's JSON
// (the endpoint as a server path, the project's prefixes, the query to start with). Without
// JavaScript, or when YASGUI did not load, the form stays and works as it is.
(function () {
  "use strict";

  function start() {
    var holder = document.getElementById("yasgui");
    var data = document.getElementById("yasgui-config");
    var lib = window.Yasgui;
    if (lib && typeof lib !== "function") { lib = lib.default || lib.Yasgui; }
    if (!holder || !data || !lib) { return; }
    var config = JSON.parse(data.textContent);
    var endpoint = new URL(config.endpoint, window.location.href).href;
    var prefixes = config.prefixes;
    var declared = Object.keys(prefixes).sort().map(function (name) {
      return name + ": <" + prefixes[name] + ">";
    });
    // Prefix completion from the project's table only (never a remote prefix service).
    lib.Yasqe.forkAutocompleter("prefixes", {
      name: "kgPrefixes",
      persistenceId: null,
      get: function () { return Promise.resolve(declared); }
    }, false);
    var form = document.getElementById("sparql-form");
    if (form) { form.hidden = true; }
    var yasgui = new lib(holder, {
      requestConfig: { endpoint: endpoint, method: "POST" },
      copyEndpointOnNewTab: false,
      persistenceId: null,
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
      yasqe: {
        value: config.query,
        autocompleters: ["kgPrefixes", "variables"],
        prefixCcApi: null,
        resizeable: true
      },
      yasr: { prefixes: prefixes }
    });
    var tab = yasgui.getTab();
    if (tab) {
      tab.setEndpoint(endpoint);
      tab.setQuery(config.query);
    }
    holder.setAttribute("data-ready", "1");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
