//! Captions in every language from the English ones. The English WebVTT of each topic
//! video has cues whose words, read in order, are exactly the `say` line of each scene;
//! so each scene's time on screen is known. A translation's `say` line for the scene is
//! shared out over the same cues, at word boundaries and in proportion to their length,
//! so the captions keep time with the English narration (the video is not re-recorded).

use super::page::Scene;

/// One cue of a WebVTT file: its timing line and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub timing: String,
    pub text: String,
}

/// The cues of a WebVTT file (`WEBVTT` header, cues separated by blank lines).
pub fn parse(vtt: &str) -> Vec<Cue> {
    let vtt = vtt.replace("\r\n", "\n");
    vtt.split("\n\n")
        .filter_map(|block| {
            let mut lines = block.lines().skip_while(|l| !l.contains("-->"));
            let timing = lines.next()?.trim().to_owned();
            let text = lines.collect::<Vec<_>>().join(" ");
            Some(Cue { timing, text })
        })
        .collect()
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// The English cues of each scene, in order; an error names the first scene whose words
/// the cues do not add up to.
pub fn scenes<'a>(cues: &'a [Cue], transcript: &[Scene]) -> Result<Vec<Vec<&'a Cue>>, String> {
    let mut out = Vec::with_capacity(transcript.len());
    let mut next = cues.iter();
    for (i, scene) in transcript.iter().enumerate() {
        let wanted = words(&scene.say);
        let mut got: Vec<&str> = Vec::new();
        let mut group = Vec::new();
        while got.len() < wanted.len() {
            let Some(cue) = next.next() else {
                return Err(format!("scene {} runs past the last caption", i + 1));
            };
            got.extend(words(&cue.text));
            group.push(cue);
        }
        if got != wanted {
            return Err(format!(
                "scene {}'s captions do not match its `say` line",
                i + 1
            ));
        }
        out.push(group);
    }
    Ok(out)
}

/// The words of `text` shared over `parts` cues, breaking between words, each part's
/// share of the characters close to an equal one.
fn share(text: &str, parts: usize) -> Vec<String> {
    let words = words(text);
    let parts = parts.clamp(1, words.len().max(1));
    let total: usize = words.iter().map(|w| w.chars().count() + 1).sum();
    let mut out: Vec<String> = Vec::with_capacity(parts);
    let mut current: Vec<&str> = Vec::new();
    let mut done = 0usize;
    for (i, word) in words.iter().enumerate() {
        current.push(word);
        done += word.chars().count() + 1;
        let left_words = words.len() - i - 1;
        let left_parts = parts - out.len() - 1;
        let due = done * parts >= total * (out.len() + 1);
        if left_parts > 0 && (due || left_words == left_parts) && left_words >= left_parts {
            out.push(current.join(" "));
            current.clear();
        }
    }
    if !current.is_empty() || out.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// A WebVTT file of `translated` scenes, timed by the English cues of each scene.
pub fn translate(
    english_vtt: &str,
    english: &[Scene],
    translated: &[Scene],
) -> Result<String, String> {
    if english.len() != translated.len() {
        return Err("the translation has a different number of scenes".into());
    }
    let cues = parse(english_vtt);
    let grouped = scenes(&cues, english)?;
    let mut out = String::from("WEBVTT\n");
    for (group, scene) in grouped.iter().zip(translated) {
        let parts = share(&scene.say, group.len());
        // Fewer words than cues: the last part runs to the end of the scene.
        for (i, words) in parts.iter().enumerate() {
            let start = group[i]
                .timing
                .split("-->")
                .next()
                .unwrap_or_default()
                .trim();
            let last = if i + 1 == parts.len() {
                group.len() - 1
            } else {
                i
            };
            let end = group[last]
                .timing
                .split("-->")
                .nth(1)
                .unwrap_or_default()
                .trim();
            out.push_str(&format!("\n{start} --> {end}\n{words}\n"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VTT: &str = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nBullying is when someone hurts you,\n\n00:00:02.000 --> 00:00:04.000\nscares you\nor leaves you out.\n\n00:00:04.000 --> 00:00:06.000\nIt is never your fault.\n";

    fn scene(say: &str) -> Scene {
        Scene {
            slide: String::new(),
            say: say.into(),
        }
    }

    #[test]
    fn english_cues_are_grouped_by_scene() {
        let cues = parse(VTT);
        assert_eq!(cues.len(), 3);
        let english = [
            scene("Bullying is when someone hurts you, scares you or leaves you out."),
            scene("It is never your fault."),
        ];
        let grouped = scenes(&cues, &english).unwrap();
        assert_eq!(grouped.iter().map(Vec::len).collect::<Vec<_>>(), [2, 1]);
        assert!(scenes(&cues, &[scene("Something else entirely.")]).is_err());
    }

    #[test]
    fn a_translation_keeps_the_english_timing() {
        let english = [
            scene("Bullying is when someone hurts you, scares you or leaves you out."),
            scene("It is never your fault."),
        ];
        let welsh = [
            scene("Bwlio yw pan fydd rhywun yn dy frifo di neu'n dy adael di allan."),
            scene("Nid dy fai di yw e, byth."),
        ];
        let vtt = translate(VTT, &english, &welsh).unwrap();
        let cues = parse(&vtt);
        assert!(vtt.starts_with("WEBVTT\n"));
        assert_eq!(cues.len(), 3);
        assert_eq!(cues[0].timing, "00:00:00.000 --> 00:00:02.000");
        assert_eq!(cues[2].timing, "00:00:04.000 --> 00:00:06.000");
        assert_eq!(cues[2].text, "Nid dy fai di yw e, byth.");
        let joined = format!("{} {}", cues[0].text, cues[1].text);
        assert_eq!(joined, welsh[0].say);
    }

    #[test]
    fn a_short_line_over_many_cues_runs_to_the_end_of_its_scene() {
        let english = [
            scene("Bullying is when someone hurts you, scares you or leaves you out."),
            scene("It is never your fault."),
        ];
        let vtt = translate(VTT, &english, &[scene("Bwlio."), scene("Byth.")]).unwrap();
        let cues = parse(&vtt);
        assert_eq!(cues[0].timing, "00:00:00.000 --> 00:00:04.000");
        assert_eq!(cues.len(), 2);
    }
}
