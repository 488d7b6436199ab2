export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A focal point as stored: 0..1 from the left and from the top; anything else reads as the middle. */
export function clampFocal(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}

/**
 * The largest region of a width × height image with the target's aspect ratio, centred on the
 * focal point as far as the image's edges allow (a point near an edge puts the crop against it).
 */
export function focalRegion(
  width: number,
  height: number,
  focal: { x: number; y: number },
  target: { width: number; height: number },
): Region {
  const aspect = target.width / target.height;
  const cropWidth = Math.max(1, Math.min(width, Math.round(height * aspect)));
  const cropHeight = Math.max(1, Math.min(height, Math.round(cropWidth / aspect)));
  const place = (size: number, crop: number, at: number) =>
    Math.min(size - crop, Math.max(0, Math.round(clampFocal(at) * size - crop / 2)));
  return {
    left: place(width, cropWidth, focal.x),
    top: place(height, cropHeight, focal.y),
    width: cropWidth,
    height: cropHeight,
  };
}

/** The output size of a crop: the target, or smaller with the same shape when the region is smaller (never enlarged). */
export function cropOutputSize(region: Region, target: { width: number; height: number }) {
  if (region.width >= target.width) return { width: target.width, height: target.height };
  return { width: region.width, height: Math.max(1, Math.round((region.width * target.height) / target.width)) };
}
