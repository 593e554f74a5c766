//! Pictures a pupil sends: recognised by their bytes (never by their name), decoded under
//! limits (a decompression bomb is refused, not decoded), turned the right way up, made no
//! larger than needed, and encoded again from the pixels alone — so no EXIF, XMP, GPS
//! position, camera model, ICC profile, text chunk or embedded thumbnail survives.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::domain::msg::Msg;

/// Pixels along either side, beyond which a picture is refused before it is decoded.
pub const MAX_SIDE: u32 = 8_000;
/// Memory a decoder may take for one picture (12 megapixels in colour fit).
pub const MAX_DECODE_BYTES: u64 = 64 * 1024 * 1024;
/// Decoded pixels a PNG or WebP may come to (width × height × bytes per pixel, read from
/// its header before anything is decoded): a 4K screenshot with transparency (31.6 MiB)
/// fits; a 16-bit or a 64-megapixel one does not. These formats have no reduced-size
/// decode, so whatever passes is held at full size; the budget keeps the cleaner's peak
/// (the pixels, the smaller copy and its encoding) well under 100 MB.
pub const MAX_PIXEL_BYTES: u64 = 32 * 1024 * 1024;
/// What is kept: no side longer than this (evidence needs legibility, not a poster).
pub const KEPT_SIDE: u32 = 2_560;
/// Photos are decoded at a reduced scale down to no less than this along their longer
/// side (a 4000×3000 photo is decoded at 2000×1500).
const PHOTO_DECODE_SIDE: u16 = 1_920;
/// The thumbnail staff see on the case page.
pub const THUMB_SIDE: u32 = 320;

/// Why a picture was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// An iPhone photo (HEIC/HEIF): say how to send a screenshot instead.
    Heic,
    /// Not PNG, JPEG or WebP.
    NotAPicture,
    /// Its name or type says one kind of picture and its bytes another.
    Mismatch,
    /// Too many pixels to open safely.
    TooLarge,
    /// It says it is a picture but will not open.
    Unreadable,
    Empty,
}

impl Refusal {
    pub fn msg(self) -> Msg {
        match self {
            Refusal::Heic => Msg::PictureHeic,
            Refusal::NotAPicture => Msg::PictureKind,
            Refusal::Mismatch => Msg::PictureMismatch,
            Refusal::TooLarge => Msg::PictureTooLarge,
            Refusal::Unreadable => Msg::PictureUnreadable,
            Refusal::Empty => Msg::PictureEmpty,
        }
    }
}

/// A picture made anew from its pixels, with its thumbnail.
pub struct Clean {
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub thumbnail: Vec<u8>,
}

impl std::fmt::Debug for Clean {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clean")
            .field("media_type", &self.media_type)
            .field("width", &self.width)
            .field("height", &self.height)
            .finish_non_exhaustive()
    }
}

fn is_heic(bytes: &[u8]) -> bool {
    bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && [
            &b"heic"[..],
            b"heix",
            b"hevc",
            b"heim",
            b"heis",
            b"mif1",
            b"msf1",
            b"avif",
        ]
        .contains(&&bytes[8..12])
}

/// What the bytes are, whatever the file was called.
fn recognise(bytes: &[u8]) -> Result<ImageFormat, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if is_heic(bytes) {
        return Err(Refusal::Heic);
    }
    match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)) => Ok(format),
        _ => Err(Refusal::NotAPicture),
    }
}

fn declared_format(declared: &str) -> Option<ImageFormat> {
    match declared.trim().to_ascii_lowercase().as_str() {
        "image/png" => Some(ImageFormat::Png),
        "image/jpeg" | "image/jpg" | "image/pjpeg" => Some(ImageFormat::Jpeg),
        "image/webp" => Some(ImageFormat::WebP),
        _ => None,
    }
}

fn encode_png(image: &DynamicImage) -> Result<Vec<u8>, Refusal> {
    let mut out = Vec::new();
    let image = if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.to_rgb8())
    };
    image
        .write_with_encoder(PngEncoder::new(&mut out))
        .map_err(|_| Refusal::Unreadable)?;
    Ok(out)
}

fn encode_jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, Refusal> {
    let mut out = Vec::new();
    // JPEG has no transparency: composite onto white, as paper would show it.
    let rgb = if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
        for (from, to) in rgba.pixels().zip(rgb.pixels_mut()) {
            let a = u16::from(from[3]);
            for c in 0..3 {
                to[c] = ((u16::from(from[c]) * a + 255 * (255 - a)) / 255) as u8;
            }
        }
        rgb
    } else if matches!(
        image,
        DynamicImage::ImageRgb8(_) | DynamicImage::ImageLuma8(_)
    ) {
        // Already what JPEG holds: encoded as it is, without a copy.
        image
            .write_with_encoder(JpegEncoder::new_with_quality(&mut out, quality))
            .map_err(|_| Refusal::Unreadable)?;
        return Ok(out);
    } else {
        image.to_rgb8()
    };
    DynamicImage::ImageRgb8(rgb)
        .write_with_encoder(JpegEncoder::new_with_quality(&mut out, quality))
        .map_err(|_| Refusal::Unreadable)?;
    Ok(out)
}

/// Makes a picture safe to keep. `declared` is the type the browser sent, if any.
pub fn sanitise(bytes: &[u8], declared: Option<&str>) -> Result<Clean, Refusal> {
    let format = recognise(bytes)?;
    if let Some(claimed) = declared.and_then(|d| {
        let known = declared_format(d);
        // A browser that does not know the type says so; only a claim of another kind lies.
        (d.starts_with("image/") || known.is_some()).then_some(known)
    }) {
        if claimed != Some(format) {
            return Err(Refusal::Mismatch);
        }
    }
    if format == ImageFormat::Jpeg {
        return finish(format, decode_photo(bytes)?);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXEL_BYTES);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let too_large = |err: image::ImageError| match err {
        image::ImageError::Limits(_) => Refusal::TooLarge,
        _ => Refusal::Unreadable,
    };
    let mut decoder = reader.into_decoder().map_err(too_large)?;
    // `Limits::max_alloc` is not applied when a decoder is used directly, and a WebP or
    // PNG decoder allocates the whole picture: judge what the header claims first.
    if decoder.total_bytes() > MAX_PIXEL_BYTES {
        return Err(Refusal::TooLarge);
    }
    let orientation = decoder.orientation().map_err(too_large)?;
    let image = DynamicImage::from_decoder(decoder).map_err(too_large)?;
    finish(format, (image, orientation))
}

/// Decodes a photo at the smallest scale its DCT blocks allow (½, ¼, ⅛) that keeps it at
/// least `PHOTO_DECODE_SIDE` long: a 12-megapixel photo is decoded straight to 3
/// megapixels, never held at full size (36 MB of pixels, and more inside the decoder).
fn decode_photo(bytes: &[u8]) -> Result<(DynamicImage, Orientation), Refusal> {
    use jpeg_decoder::PixelFormat;
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(MAX_DECODE_BYTES as usize);
    decoder.read_info().map_err(|_| Refusal::Unreadable)?;
    let info = decoder.info().ok_or(Refusal::Unreadable)?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    // Judged at full size, as every other picture is: what the file claims, not what
    // this decoder would need.
    if width > MAX_SIDE
        || height > MAX_SIDE
        || u64::from(width) * u64::from(height) * 3 > MAX_DECODE_BYTES
    {
        return Err(Refusal::TooLarge);
    }
    let (width, height) = decoder
        .scale(PHOTO_DECODE_SIDE, PHOTO_DECODE_SIDE)
        .map_err(|_| Refusal::Unreadable)?;
    let (width, height) = (u32::from(width), u32::from(height));
    let pixels = decoder.decode().map_err(|_| Refusal::Unreadable)?;
    let orientation = decoder
        .exif_data()
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);
    let image = match info.pixel_format {
        PixelFormat::L8 => {
            image::GrayImage::from_raw(width, height, pixels).map(DynamicImage::from)
        }
        PixelFormat::RGB24 => {
            image::RgbImage::from_raw(width, height, pixels).map(DynamicImage::from)
        }
        PixelFormat::CMYK32 => {
            // jpeg-decoder hands back ink amounts (it undoes the inverted storage Adobe's
            // CMYK and YCCK files use): no ink is white, full black ink is black.
            let rgb = pixels
                .chunks_exact(4)
                .flat_map(|p| {
                    let paper = 255 - u16::from(p[3]);
                    [0, 1, 2].map(|c| (((255 - u16::from(p[c])) * paper) / 255) as u8)
                })
                .collect();
            image::RgbImage::from_raw(width, height, rgb).map(DynamicImage::from)
        }
        // 16-bit JPEGs (lossless, medical) are not what phones send.
        PixelFormat::L16 => None,
    };
    Ok((image.ok_or(Refusal::Unreadable)?, orientation))
}

/// Makes a decoded picture what is kept: no larger than `KEPT_SIDE`, the right way up,
/// encoded again from its pixels alone, with a thumbnail.
fn finish(
    format: ImageFormat,
    (mut image, orientation): (DynamicImage, Orientation),
) -> Result<Clean, Refusal> {
    // Shrunk first, turned after: `thumbnail` averages areas in integers straight into the
    // smaller picture (`resize` would hold a float copy several times the photo's size),
    // and turning the smaller one copies less.
    if image.width().max(image.height()) > KEPT_SIDE {
        image = image.thumbnail(KEPT_SIDE, KEPT_SIDE);
    }
    image.apply_orientation(orientation);
    // Screenshots (PNG, WebP) stay lossless; photos stay JPEG.
    let (media_type, kept) = match format {
        ImageFormat::Jpeg => ("image/jpeg", encode_jpeg(&image, 88)?),
        _ => ("image/png", encode_png(&image)?),
    };
    let thumbnail = encode_jpeg(&image.thumbnail(THUMB_SIDE, THUMB_SIDE), 75)?;
    Ok(Clean {
        media_type,
        width: image.width(),
        height: image.height(),
        bytes: kept,
        thumbnail,
    })
}

/// One picture to clean: its bytes and the type the browser sent.
pub type Picture = (zeroize::Zeroizing<Vec<u8>>, Option<String>);

type Job = (
    Vec<Picture>,
    tokio::sync::oneshot::Sender<Result<Vec<Clean>, Refusal>>,
);

/// The one thread that cleans every picture. Allocators keep freed memory per thread:
/// cleaning on the blocking pool's many threads kept a decoded photo's worth of memory on
/// each of them (250 MB after 8 photos), while one thread reuses the same memory for the
/// next photo.
#[derive(Clone)]
pub struct Cleaner {
    jobs: std::sync::mpsc::Sender<Job>,
}

impl Cleaner {
    pub fn start() -> std::io::Result<Self> {
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("picture-cleaner".into())
            .spawn(move || {
                for (pictures, reply) in queue {
                    let cleaned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        pictures
                            .iter()
                            .map(|(bytes, declared)| sanitise(bytes, declared.as_deref()))
                            .collect::<Result<Vec<_>, _>>()
                    }))
                    // A decoder that panics has been given a picture it cannot read.
                    .unwrap_or(Err(Refusal::Unreadable));
                    drop(pictures);
                    let _ = reply.send(cleaned);
                }
            })?;
        Ok(Cleaner { jobs })
    }

    /// Cleans the pictures on the cleaner's thread; `None` if it has stopped.
    pub async fn clean(&self, pictures: Vec<Picture>) -> Option<Result<Vec<Clean>, Refusal>> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.jobs.send((pictures, reply)).ok()?;
        answer.await.ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageEncoder;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            width,
            height,
            image::Rgb([200, 10, 10]),
        ))
        .write_with_encoder(PngEncoder::new(&mut out))
        .unwrap();
        out
    }

    #[test]
    fn a_large_photo_is_decoded_at_half_scale_and_kept_that_size() {
        let photo = image::RgbImage::from_fn(4_000, 3_000, |x, y| {
            image::Rgb([(x / 16) as u8, (y / 12) as u8, 90])
        });
        let mut jpeg = Vec::new();
        DynamicImage::ImageRgb8(photo)
            .write_with_encoder(JpegEncoder::new_with_quality(&mut jpeg, 80))
            .unwrap();
        let clean = sanitise(&jpeg, Some("image/jpeg")).unwrap();
        assert_eq!(
            (clean.media_type, clean.width, clean.height),
            ("image/jpeg", 2_000, 1_500)
        );
        let thumb = image::load_from_memory(&clean.thumbnail).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (THUMB_SIDE, 240));
    }

    #[test]
    fn a_cmyk_photo_from_print_software_keeps_its_colours() {
        // Red, green, blue and white bands of 16 px, stored inverted as Adobe tools do:
        // as CMYK by libjpeg through Pillow, and as YCCK by ImageMagick.
        let files: [(&str, &[u8]); 2] = [
            ("CMYK", include_bytes!("../tests/fixtures/cmyk-adobe.jpg")),
            ("YCCK", include_bytes!("../tests/fixtures/ycck-adobe.jpg")),
        ];
        for (kind, file) in files {
            let clean = sanitise(file, Some("image/jpeg")).unwrap();
            assert_eq!((clean.width, clean.height), (64, 16));
            let kept = image::load_from_memory(&clean.bytes).unwrap().to_rgb8();
            for (band, want) in [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]
                .into_iter()
                .enumerate()
            {
                let got = kept.get_pixel(band as u32 * 16 + 8, 8).0;
                let close = got.iter().zip(want).all(|(g, w)| g.abs_diff(w) <= 24);
                assert!(close, "{kind} band {band}: {got:?}, not {want:?}");
            }
        }
    }

    #[test]
    fn a_screenshot_comes_back_as_a_png_of_the_same_size() {
        let clean = sanitise(&png(40, 30), Some("image/png")).unwrap();
        assert_eq!(
            (clean.media_type, clean.width, clean.height),
            ("image/png", 40, 30)
        );
        assert_eq!(recognise(&clean.bytes), Ok(ImageFormat::Png));
        assert_eq!(recognise(&clean.thumbnail), Ok(ImageFormat::Jpeg));
    }

    #[test]
    fn big_pictures_are_made_smaller_and_huge_ones_refused_unopened() {
        let clean = sanitise(&png(3_000, 100), None).unwrap();
        assert_eq!(clean.width, KEPT_SIDE);
        let mut bomb = png(1, 1);
        // IHDR width and height (bytes 16..24) say 30,000 × 30,000; fix the chunk's CRC.
        bomb[16..20].copy_from_slice(&30_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&30_000u32.to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.sum().to_be_bytes());
        assert_eq!(sanitise(&bomb, None).err(), Some(Refusal::TooLarge));
    }

    #[test]
    fn bombs_of_every_format_are_refused_from_their_header() {
        // 7999 × 7999 lossless WebP of one colour: 27 KB that decodes to 244 MiB.
        let webp = include_bytes!("../tests/fixtures/bomb-7999x7999-lossless.webp");
        assert_eq!(
            sanitise(webp, Some("image/webp")).err(),
            Some(Refusal::TooLarge)
        );
        // 16-bit RGBA, 3000 × 3000: 69 MB of pixels in a small file.
        let mut png16 = Vec::new();
        PngEncoder::new(&mut png16)
            .write_image(
                &vec![0u8; 3_000 * 3_000 * 8],
                3_000,
                3_000,
                image::ExtendedColorType::Rgba16,
            )
            .unwrap();
        assert_eq!(
            sanitise(&png16, Some("image/png")).err(),
            Some(Refusal::TooLarge)
        );
        // The same picture in 8 bits (36 MB as RGBA) is too many pixels too, but a 4K
        // screenshot with transparency is taken.
        let rgba = |w: u32, h: u32| {
            let mut out = Vec::new();
            PngEncoder::new(&mut out)
                .write_image(
                    &vec![90u8; (w * h * 4) as usize],
                    w,
                    h,
                    image::ExtendedColorType::Rgba8,
                )
                .unwrap();
            out
        };
        assert_eq!(
            sanitise(&rgba(3_000, 3_000), None).err(),
            Some(Refusal::TooLarge)
        );
        assert!(sanitise(&rgba(3_840, 2_160), None).is_ok());
    }

    #[test]
    fn only_pictures_that_are_what_they_say_are_taken() {
        assert_eq!(sanitise(b"", None).err(), Some(Refusal::Empty));
        assert_eq!(
            sanitise(b"<html>hello</html>", Some("image/png")).err(),
            Some(Refusal::NotAPicture)
        );
        assert_eq!(
            sanitise(&png(2, 2), Some("image/jpeg")).err(),
            Some(Refusal::Mismatch)
        );
        let mut heic = vec![0, 0, 0, 24];
        heic.extend_from_slice(b"ftypheic");
        heic.extend_from_slice(&[0; 16]);
        assert_eq!(
            sanitise(&heic, Some("image/heic")).err(),
            Some(Refusal::Heic)
        );
        assert!(sanitise(&png(2, 2), Some("application/octet-stream")).is_ok());
    }
}
