// Static list of migrations, so bundled cloud functions carry them without reading a folder at run time.
import type { Migration } from 'kysely'
import * as m001 from './001_institutions'
import * as m002 from './002_files'
import * as m003 from './003_change_counter'
import * as m004 from './004_content'
import * as m005 from './005_complaints'
import * as m006 from './006_notifications'
import * as m007 from './007_file_store_ref'
import * as m008 from './008_daily_limits'
import * as m009 from './009_notices'
import * as m010 from './010_search_order'
import * as m011 from './011_workbench'
import * as m012 from './012_observations'
import * as m013 from './013_observation_reads'
import * as m014 from './014_inbox_counts'
import * as m015 from './015_institution_changes'
import * as m016 from './016_inbox_search'
import * as m017 from './017_search_cold_path'
import * as m018 from './018_name_char_counts'
import * as m019 from './019_name_gram_heads'
import * as m020 from './020_gin_without_pending_list'
import * as m021 from './021_drop_pinyin_prefix_indexes'
import * as m022 from './022_gram_heads_by_walk'
import * as m023 from './023_nearest_with_filters'
import * as m024 from './024_pinyin_quads'
import * as m025 from './025_heads_from_200'
import * as m026 from './026_gram_filter_counts'
import * as m027 from './027_grams_with_filters'
import * as m028 from './028_heads_carry_listed_columns'
import * as m029 from './029_gram_filter_keys'
import * as m030 from './030_kept_counts_compact'
import * as m031 from './031_nearest_filters_as_codes'
import * as m032 from './032_database_identity'

export const migrations: Record<string, Migration> = {
  '001_institutions': m001,
  '002_files': m002,
  '003_change_counter': m003,
  '004_content': m004,
  '005_complaints': m005,
  '006_notifications': m006,
  '007_file_store_ref': m007,
  '008_daily_limits': m008,
  '009_notices': m009,
  '010_search_order': m010,
  '011_workbench': m011,
  '012_observations': m012,
  '013_observation_reads': m013,
  '014_inbox_counts': m014,
  '015_institution_changes': m015,
  '016_inbox_search': m016,
  '017_search_cold_path': m017,
  '018_name_char_counts': m018,
  '019_name_gram_heads': m019,
  '020_gin_without_pending_list': m020,
  '021_drop_pinyin_prefix_indexes': m021,
  '022_gram_heads_by_walk': m022,
  '023_nearest_with_filters': m023,
  '024_pinyin_quads': m024,
  '025_heads_from_200': m025,
  '026_gram_filter_counts': m026,
  '027_grams_with_filters': m027,
  '028_heads_carry_listed_columns': m028,
  '029_gram_filter_keys': m029,
  '030_kept_counts_compact': m030,
  '031_nearest_filters_as_codes': m031,
  '032_database_identity': m032,
}
