import { useEffect, useRef, useState } from "preact/hooks";
import { announceDocked, announcePlaying, onOtherPlaying } from "../../platform/render/overlay-signals.js";
import { formatClock } from "../video.js";

export interface FloatingPlayerProps {
  title: string;
  src: string;
  mime: string;
  /** HLS master playlist, used only where the browser plays HLS itself. */
  hls?: string | null;
  poster: string | null;
  captions: { lang: string; label: string; src: string }[];
  durationSeconds: number;
  width: number;
  height: number;
}

const CLOSED_KEY = "ld:player-closed";
const HLS_TYPE = "application/vnd.apple.mpegurl";
const SEEK_STEP = 5;
const DOCKS_ON = "(min-width: 64em)"; // as in site.css

function readClosed(): boolean {
  try {
    return sessionStorage.getItem(CLOSED_KEY) === "1";
  } catch {
    return false;
  }
}

/**
 * The video player, always in the page where the video belongs (a video page, an article, the
 * front's video block). On the server (and without JavaScript) it is an ordinary player with the
 * browser's controls. Once hydrated it gets its own controls — play/pause, time, seek, mute,
 * captions, full screen, all labelled buttons usable from the keyboard — and, on wide screens, a
 * video the reader started docks in the bottom-right corner while it plays out of view, small,
 * titled and closable. Nothing docks that the reader did not start. On phones it stays in the page
 * flow so it never covers text, and docking never shifts the layout: the frame keeps its place and
 * size. It never autoplays. Closing the docked player pauses it and is remembered for the visit
 * (sessionStorage): no player docks again until the next visit.
 */
export function FloatingPlayer(props: FloatingPlayerProps) {
  const frame = useRef<HTMLElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [closed, setClosed] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [muted, setMuted] = useState(false);
  const [captionsOn, setCaptionsOn] = useState(true);
  const [outOfView, setOutOfView] = useState(false);
  const wasDocked = useRef(false);
  const [broken, setBroken] = useState(false);
  const [frameHeight, setFrameHeight] = useState<number | undefined>(undefined);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(props.durationSeconds);

  useEffect(() => {
    const v = video.current;
    // HLS only where the browser plays it natively (Safari, iOS); MP4 everywhere else.
    if (v && props.hls && v.canPlayType(HLS_TYPE) !== "") v.src = props.hls;
    // The file may have failed before hydration, when no handler was listening yet.
    if (v && (v.error || v.networkState === HTMLMediaElement.NETWORK_NO_SOURCE)) setBroken(true);
    // A reader on a slow connection may start the browser's own controls before this script runs:
    // the player takes over in the state the video is in, so it docks and shows Pause as it should.
    if (v && !v.paused) {
      setPlaying(true);
      setTime(v.currentTime);
      announcePlaying(v);
    }
    setClosed(readClosed());
    setEnhanced(true);
    return onOtherPlaying(
      () => video.current,
      () => video.current?.pause(),
    );
  }, []);

  useEffect(() => {
    const el = frame.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(([entry]) => {
      if (!entry) return;
      // Only wide screens dock (a docked player on a phone would always cover text).
      if (entry.isIntersecting || !matchMedia(DOCKS_ON).matches) setOutOfView(false);
      else {
        // Hold the frame's height while the panel is docked, so nothing below it moves.
        setFrameHeight(el.getBoundingClientRect().height);
        setOutOfView(true);
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const tracks = video.current?.textTracks;
    if (!tracks) return;
    for (let i = 0; i < tracks.length; i++) tracks[i]!.mode = captionsOn && i === 0 ? "showing" : "hidden";
  }, [captionsOn, enhanced]);

  const toggle = () => {
    const v = video.current;
    if (!v) return;
    if (v.paused) void v.play().catch(() => setPlaying(false));
    else v.pause();
  };
  const toggleMute = () => {
    const v = video.current;
    if (!v) return;
    v.muted = !v.muted;
    setMuted(v.muted);
  };
  const seekTo = (seconds: number) => {
    const v = video.current;
    if (!v) return;
    const end = Number.isFinite(v.duration) ? v.duration : duration;
    v.currentTime = Math.max(0, Math.min(end, seconds));
    setTime(v.currentTime);
  };
  const fullScreen = () => {
    const v = video.current;
    if (!v) return;
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void v.requestFullscreen?.().catch(() => undefined);
  };
  const close = () => {
    video.current?.pause();
    // The video stays in its place on the page; only the docked panel goes.
    setClosed(true);
    try {
      sessionStorage.setItem(CLOSED_KEY, "1");
    } catch {
      // Private modes may refuse storage: closing still works for this page.
    }
  };
  // Keys while focus is in the player (WCAG 2.1.1): k or space play/pause, ← → seek, m mute,
  // c captions, f full screen. The seek slider keeps its own arrow keys.
  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.tagName === "INPUT" || e.altKey || e.ctrlKey || e.metaKey) return;
    const onButton = target.tagName === "BUTTON";
    const actions: Record<string, () => void> = {
      k: toggle,
      m: toggleMute,
      f: fullScreen,
      c: () => setCaptionsOn((on) => !on),
      ArrowLeft: () => seekTo(time - SEEK_STEP),
      ArrowRight: () => seekTo(time + SEEK_STEP),
      ...(onButton ? {} : { " ": toggle }),
    };
    const action = actions[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  // A video that fails stops playing, so a docked panel never stays on screen without a picture.
  const fail = () => {
    setBroken(true);
    setPlaying(false);
  };

  const docked = enhanced && !closed && playing && outOfView;
  useEffect(() => {
    // Only a player that docked says it undocked: several players may share the page.
    if (docked !== wasDocked.current) announceDocked(docked);
    wasDocked.current = docked;
  }, [docked]);
  const classes = ["player", enhanced ? "is-enhanced" : "", docked ? "is-docked" : ""].filter(Boolean);
  return (
    <aside
      ref={frame}
      class={classes.join(" ")}
      aria-label="Video player"
      data-state={playing ? "playing" : "paused"}
      style={docked && frameHeight ? { minHeight: `${frameHeight}px` } : undefined}
      onKeyDown={onKeyDown}
    >
      {/* What stays in the page while the panel is in the corner: never an empty dark box. */}
      {docked && (
        <p class="player-docked-note" aria-hidden="true">
          <span class="player-docked-title">{props.title}</span>
          Playing in the corner of the screen
        </p>
      )}
      <div class="player-panel">
        <p class="player-title">{props.title}</p>
        <video
          ref={video}
          class="player-video"
          hidden={broken && enhanced}
          controls={!enhanced}
          preload="metadata"
          playsInline
          width={props.width || 640}
          height={props.height || 360}
          poster={props.poster ?? undefined}
          onPlay={(e) => {
            setPlaying(true);
            announcePlaying(e.currentTarget);
          }}
          onPause={() => setPlaying(false)}
          onEnded={() => setPlaying(false)}
          onClick={enhanced ? toggle : undefined}
          onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
          onLoadedMetadata={(e) => Number.isFinite(e.currentTarget.duration) && setDuration(e.currentTarget.duration)}
          onVolumeChange={(e) => setMuted(e.currentTarget.muted)}
          onError={fail}
        >
          {/* A source that fails fires on the <source>, not the <video>. */}
          <source src={props.src} type={props.mime} onError={fail} />
          {props.captions.map((t, i) => (
            <track kind="captions" src={t.src} srcLang={t.lang} label={t.label} default={i === 0} />
          ))}
        </video>
        {broken && enhanced && (
          <p class="video-unavailable" role="status">
            Video unavailable
          </p>
        )}
        <div class="player-controls" hidden={broken && enhanced}>
          <button
            type="button"
            class="player-play"
            onClick={toggle}
            hidden={!enhanced}
            aria-label={playing ? "Pause" : "Play"}
          >
            <span aria-hidden="true">{playing ? "❚❚" : "▶"}</span>
          </button>
          <span class="player-time">
            <span class="visually-hidden">Elapsed and total time: </span>
            {formatClock(time)} / {formatClock(duration)}
          </span>
          {enhanced && (
            <input
              type="range"
              class="player-seek"
              aria-label="Seek"
              aria-valuetext={`${formatClock(time)} of ${formatClock(duration)}`}
              min={0}
              max={Math.max(1, Math.round(duration))}
              step={1}
              value={Math.round(time)}
              onInput={(e) => seekTo(Number(e.currentTarget.value))}
            />
          )}
          <button type="button" class="player-mute" onClick={toggleMute} hidden={!enhanced} aria-pressed={muted}>
            Mute
          </button>
          {props.captions.length > 0 && (
            <button
              type="button"
              class="player-captions"
              onClick={() => setCaptionsOn((on) => !on)}
              hidden={!enhanced}
              aria-pressed={captionsOn}
            >
              Captions
            </button>
          )}
          <button type="button" class="player-fullscreen" onClick={fullScreen} hidden={!enhanced}>
            Full screen
          </button>
          {docked && (
            <button type="button" class="player-close" onClick={close} hidden={!enhanced}>
              Close
            </button>
          )}
        </div>
      </div>
    </aside>
  );
}
