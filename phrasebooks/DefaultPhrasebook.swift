// Resource-only target: SwiftPM copies `zh-CN/` into the bundle
// `huashu_DefaultPhrasebook.resources`, which `Phrasebook.builtIn()` looks up.
enum DefaultPhrasebook {}
