// Facts about the committed demo video (src/demo/media/demo-video.mp4), measured with ffprobe
// when it was made by scripts/make-demo-media.ts, so the site needs no ffprobe to describe it.
export const demoVideo = {
  slug: "london-daily-focus-on-the-big-picture",
  title: "London Daily: focus on the big picture",
  description: "A ten-second introduction to London Daily, the open-source newsroom platform.",
  file: "demo-video.mp4",
  poster: "demo-video-poster.jpg",
  captions: [{ lang: "en", label: "English", file: "demo-video.en.vtt" }],
  durationSeconds: 10,
  width: 640,
  height: 360,
};
