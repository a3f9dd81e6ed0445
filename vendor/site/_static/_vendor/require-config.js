// Point RequireJS at the widget modules served by this site, so that no widget code is
// fetched from a CDN. Paths are resolved from this script's own address, which works both
// over http and from file://, at any page depth.
(function () {
  var script = document.currentScript;
  if (!script || !window.require) { return; }
  var base = script.src.replace(/[^/]*$/, "");
  window.require.config({
    paths: {
      // embed-amd.js defines these modules itself and finds its icon fonts beside their
      // addresses, so the addresses must point where the fonts are (nothing is fetched from them).
      "@jupyter-widgets/html-manager/dist": base + "html-manager",
      "@jupyter-widgets": base + "html-manager",
      // Third-party widget modules; the standard controls are bundled inside embed-amd.js.
      "anywidget": base + "anywidget/index"
    }
  });
})();
