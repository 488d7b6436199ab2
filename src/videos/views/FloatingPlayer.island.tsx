import { useEffect, useRef, useState } from "preact/hooks";
import { formatClock } from "../video.js";

export interface FloatingPlayerProps {
  title: string;
  src: string;
  mime: string;
  poster: string | null;
  captions: { lang: string; label: string; src: string }[];
  durationSeconds: number;
  width: number;
  height: number;
}

const CLOSED_KEY = "ld:player-closed";

function readClosed(): boolean {
  try {
    return sessionStorage.getItem(CLOSED_KEY) === "1";
  } catch {
    return false;
  }
}

/**
 * The floating video player. On the server (and without JavaScript) it is an ordinary player in the
 * page with the browser's controls. Once hydrated it gets its own controls and, on wide screens,
 * docks in the bottom-right corner; on phones it stays in the page flow so it never covers text.
 * It never autoplays. Closing stops it and is remembered for the visit (sessionStorage).
 */
export function FloatingPlayer(props: FloatingPlayerProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [closed, setClosed] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [muted, setMuted] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(props.durationSeconds);

  useEffect(() => {
    setClosed(readClosed());
    setEnhanced(true);
  }, []);

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
  const close = () => {
    video.current?.pause();
    setClosed(true);
    try {
      sessionStorage.setItem(CLOSED_KEY, "1");
    } catch {
      // Private modes may refuse storage: closing still works for this page.
    }
  };

  return (
    <aside
      class={`player${enhanced ? " is-enhanced is-floating" : ""}`}
      aria-label="Video player"
      hidden={closed}
      data-state={playing ? "playing" : "paused"}
    >
      <p class="player-title">{props.title}</p>
      <video
        ref={video}
        class="player-video"
        controls={!enhanced}
        preload="metadata"
        playsInline
        width={props.width || 640}
        height={props.height || 360}
        poster={props.poster ?? undefined}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onLoadedMetadata={(e) => Number.isFinite(e.currentTarget.duration) && setDuration(e.currentTarget.duration)}
        onVolumeChange={(e) => setMuted(e.currentTarget.muted)}
      >
        <source src={props.src} type={props.mime} />
        {props.captions.map((t, i) => (
          <track kind="captions" src={t.src} srcLang={t.lang} label={t.label} default={i === 0} />
        ))}
      </video>
      <div class="player-controls">
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
        <button type="button" class="player-mute" onClick={toggleMute} hidden={!enhanced} aria-pressed={muted}>
          Mute
        </button>
        <button type="button" class="player-close" onClick={close} hidden={!enhanced}>
          Close
        </button>
      </div>
    </aside>
  );
}
