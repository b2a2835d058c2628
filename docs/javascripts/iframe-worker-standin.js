// Search when the book is opened from disk (file://).
//
// Browsers refuse to start a Web Worker from a file:// page, and Material's
// search runs in one. Material's offline plugin would load a shim for this
// from a CDN; the book must not touch the network, so this file stands in for
// it: on a file:// page, `Worker` becomes a class that runs the worker's script
// in a hidden same-origin iframe and passes messages across, as a worker would.
// Over http(s) nothing changes.
(function () {
  if (location.protocol !== "file:") return;

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.pending = [];
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.title = "search";
      this.frame.setAttribute("aria-hidden", "true");
      this.frame.tabIndex = -1;
      document.body.appendChild(this.frame);
      const inside = this.frame.contentWindow;
      // The worker's postMessage(data) reaches this object's listeners.
      inside.postMessage = (data) => {
        const event = new MessageEvent("message", { data });
        if (typeof this.onmessage === "function") this.onmessage(event);
        this.dispatchEvent(event);
      };
      inside.importScripts = () => {
        throw new Error("importScripts is not available to the file:// search");
      };
      const script = inside.document.createElement("script");
      script.src = new URL(url, location.href).href;
      script.onload = () => {
        this.loaded = true;
        for (const data of this.pending.splice(0)) this.deliver(data);
      };
      inside.document.head.appendChild(script);
    }

    deliver(data) {
      this.frame.contentWindow.dispatchEvent(new MessageEvent("message", { data }));
    }

    postMessage(data) {
      if (this.loaded) this.deliver(data);
      else this.pending.push(data);
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
