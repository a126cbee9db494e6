/** Names across scripts and spellings: normalisation, romanisation, comparison with explanation, blocking keys. */
export { normalizeName, scriptOf, type Script } from './normalize.ts';
export {
  analyzeName,
  kindOfSchema,
  type NameAnalysis,
  type NameKind,
  type NameToken,
  type NameVariant,
} from './analyze.ts';
export { compareNames, NAME_PARAMS, type NameComparison, type NameFeature } from './compare.ts';
export { nameKeys } from './keys.ts';
export { chineseNameReadings, pinyinToWadeGiles, jyutpingToHongKong } from './chinese.ts';
export { cyrillicLatinSimilarity, hanLatinSimilarity, type HanLatinMatch } from './transcription.ts';
export { segmentSyllables, wadeGilesReverseTable, wadeGilesToPinyin } from './wadegiles.ts';
export {
  jaroWinkler,
  levenshtein,
  levenshteinSimilarity,
  looseKey,
  phoneticKey,
  skeletonKey,
} from './similarity.ts';
export { scoreNamePairsCsv, type ScoredCsv } from './csv.ts';
