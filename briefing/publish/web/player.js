/* briefing: story navigation, speed and a transcript that follows along.
   Everything works without this script except the speed control, the player's
   buttons, the shortcuts and the highlighting (all hidden until it runs);
   links, audio and the transcript text are plain HTML. */
(function () {
  "use strict";
  var RATE_KEY = "briefing.playbackRate";
  var FOLLOW_KEY = "briefing.followTranscript";
  var RATES = [0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3];
  var WIDE = "(min-width: 48rem)";  /* the shortcut help starts open here, folded on a phone */
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var episodes = Array.prototype.slice.call(document.querySelectorAll("article.episode"));
  var announcer = document.getElementById("announcer");
  var current = episodes[0] || null;

  function stored(key, fallback) {
    try { var value = window.localStorage.getItem(key); return value === null ? fallback : value; }
    catch (error) { return fallback; }
  }
  function store(key, value) {
    try { window.localStorage.setItem(key, String(value)); } catch (error) { /* private mode */ }
  }
  /* An announcement in the page's language: its <body data-NAME> template, else English. */
  function phrase(name, fallback, values) {
    var template = document.body.getAttribute("data-" + name) || fallback;
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function announce(text) {
    if (!announcer) { return; }
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }
  function audioOf(episode) { return episode.querySelector("audio"); }
  function storiesOf(episode) {
    return Array.prototype.slice.call(episode.querySelectorAll("a.chapter")).map(function (link) {
      return { link: link, start: parseFloat(link.getAttribute("data-start")), title: link.getAttribute("data-title") };
    });
  }

  function setRate(rate) {
    rate = RATES.indexOf(rate) >= 0 ? rate : 1;
    episodes.forEach(function (episode) {
      var audio = audioOf(episode);
      audio.defaultPlaybackRate = rate;
      audio.playbackRate = rate;
      var select = episode.querySelector("select.speed");
      if (select) { select.value = String(rate); }
    });
    store(RATE_KEY, rate);
  }

  function seek(episode, seconds, label) {
    var audio = audioOf(episode);
    current = episode;
    audio.currentTime = seconds;
    highlight(episode, seconds);
    if (label) { announce(label); }
  }

  function storyIndexAt(stories, seconds) {
    var index = -1;
    for (var i = 0; i < stories.length; i++) {
      if (stories[i].start <= seconds + 0.5) { index = i; }
    }
    return index;
  }

  function clock(seconds) {
    var whole = Math.floor(seconds);
    var minutes = Math.floor(whole / 60) % 60, hours = Math.floor(whole / 3600), rest = whole % 60;
    var mm = hours ? (minutes < 10 ? "0" : "") + minutes : String(minutes);
    return (hours ? hours + ":" : "") + mm + ":" + (rest < 10 ? "0" : "") + rest;
  }

  /* The next story, or the previous one (the start of this one when more than 3 s in). */
  function move(episode, direction) {
    if (!episode) { return; }
    var stories = storiesOf(episode);
    if (!stories.length) { return; }
    var audio = audioOf(episode);
    var index = storyIndexAt(stories, audio.currentTime);
    var target = direction > 0 ? index + 1 : (audio.currentTime - (index >= 0 ? stories[index].start : 0) > 3 ? index : index - 1);
    target = Math.max(0, Math.min(stories.length - 1, target));
    var story = stories[target];
    seek(episode, story.start, phrase("story-of", "Story {n} of {total}: {title}",
      { n: target + 1, total: stories.length, title: story.title }));
  }

  /* Move by ``seconds`` (negative: back), kept between the start and the end. */
  function skip(episode, seconds) {
    var audio = audioOf(episode);
    var end = isFinite(audio.duration) ? audio.duration : Infinity;
    var target = Math.max(0, Math.min(end, audio.currentTime + seconds));
    seek(episode, target, isFinite(end)
      ? phrase("at-of", "At {time} of {end}", { time: clock(target), end: clock(end) })
      : phrase("at", "At {time}", { time: clock(target) }));
  }

  /* What each of the player's buttons does; ``step`` is the seconds back or forward. */
  var ACTIONS = {
    previous: function (episode) { move(episode, -1); },
    next: function (episode) { move(episode, 1); },
    back: function (episode, step) { skip(episode, -step); },
    forward: function (episode, step) { skip(episode, step); }
  };

  function highlight(episode, seconds) {
    var cues = episode.querySelectorAll(".cue");
    var found = null;
    for (var i = 0; i < cues.length; i++) {
      var start = parseFloat(cues[i].getAttribute("data-start"));
      var end = parseFloat(cues[i].getAttribute("data-end"));
      if (start <= seconds && seconds < end) { found = cues[i]; break; }
    }
    var previous = episode.querySelector(".cue.current");
    if (previous === found) { return; }
    if (previous) { previous.classList.remove("current"); previous.removeAttribute("aria-current"); }
    if (!found) { return; }
    found.classList.add("current");
    found.setAttribute("aria-current", "true");
    var follow = episode.querySelector("input.follow");
    if (follow && follow.checked && !audioOf(episode).paused) {
      found.scrollIntoView({ block: "nearest", behavior: reducedMotion ? "auto" : "smooth" });
    }
  }

  episodes.forEach(function (episode) {
    var audio = audioOf(episode);
    Array.prototype.forEach.call(episode.querySelectorAll(".tools-js"), function (tools) { tools.hidden = false; });
    var controls = episode.querySelector(".controls");
    if (controls) {
      var step = parseFloat(controls.getAttribute("data-skip")) || 15;
      controls.hidden = false;
      Array.prototype.forEach.call(controls.querySelectorAll("button[data-action]"), function (button) {
        var action = ACTIONS[button.getAttribute("data-action")];
        if (action) { button.addEventListener("click", function () { action(episode, step); }); }
      });
    }
    var select = episode.querySelector("select.speed");
    if (select) {
      select.addEventListener("change", function () { setRate(parseFloat(select.value)); announce(phrase("speed-is", "Speed {rate} times", { rate: select.value })); });
    }
    var follow = episode.querySelector("input.follow");
    if (follow) {
      follow.checked = stored(FOLLOW_KEY, "true") === "true";
      follow.addEventListener("change", function () {
        episodes.forEach(function (other) { var box = other.querySelector("input.follow"); if (box) { box.checked = follow.checked; } });
        store(FOLLOW_KEY, follow.checked);
      });
    }
    ["play", "seeked", "focus"].forEach(function (name) {
      audio.addEventListener(name, function () { current = episode; });
    });
    audio.addEventListener("timeupdate", function () { highlight(episode, audio.currentTime); });
    audio.addEventListener("loadedmetadata", function () { audio.playbackRate = audio.defaultPlaybackRate; });
    storiesOf(episode).forEach(function (story, index, all) {
      story.link.addEventListener("click", function (event) {
        event.preventDefault();
        seek(episode, story.start, phrase("story-of", "Story {n} of {total}: {title}",
          { n: index + 1, total: all.length, title: story.title }));
      });
    });
    Array.prototype.forEach.call(episode.querySelectorAll(".cue"), function (cue) {
      cue.addEventListener("click", function () { seek(episode, parseFloat(cue.getAttribute("data-start"))); });
    });
  });

  document.addEventListener("keydown", function (event) {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) { return; }
    if (event.code === "KeyN") { event.preventDefault(); move(current, 1); }
    else if (event.code === "KeyP") { event.preventDefault(); move(current, -1); }
  });

  /* The feed beside the page (no base URL was given): show the address the browser
     resolves, host and port included, for a podcast app; not a file: one. */
  if (/^https?:$/.test(window.location.protocol)) {
    Array.prototype.forEach.call(document.querySelectorAll("a.feed[data-resolve]"), function (link) {
      var shown = link.querySelector("code");
      if (shown) { shown.textContent = link.href; }
      var where = link.parentNode.querySelector(".feed-where");
      if (where) { where.hidden = true; }
    });
  }

  var shortcuts = document.getElementById("shortcuts");
  if (shortcuts) {
    shortcuts.open = !!(window.matchMedia && window.matchMedia(WIDE).matches);
    shortcuts.hidden = false;
  }
  setRate(parseFloat(stored(RATE_KEY, "1")));
})();
