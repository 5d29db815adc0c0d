/* tally-sketch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every quantile is within this relative error of the exact value. */
#define TALLY_SKETCH_RELATIVE_ACCURACY 0.005
/* Values at or below this count in the zero bucket and read back as 0. */
#define TALLY_SKETCH_MIN_VALUE         1e-3

typedef struct _TallySketch TallySketch;

TallySketch *tally_sketch_new              (void);
TallySketch *tally_sketch_copy             (const TallySketch *sketch);
void         tally_sketch_free             (TallySketch       *sketch);
void         tally_sketch_clear            (TallySketch       *sketch);

void         tally_sketch_add              (TallySketch       *sketch,
                                            double             value);
void         tally_sketch_add_n            (TallySketch       *sketch,
                                            double             value,
                                            guint64            n);
void         tally_sketch_merge            (TallySketch       *sketch,
                                            const TallySketch *other);
gboolean     tally_sketch_merge_bytes      (TallySketch       *sketch,
                                            const guint8      *data,
                                            gsize              len);

gboolean     tally_sketch_is_empty         (const TallySketch *sketch);
guint64      tally_sketch_get_count        (const TallySketch *sketch);
double       tally_sketch_get_min          (const TallySketch *sketch);
double       tally_sketch_get_max          (const TallySketch *sketch);
double       tally_sketch_quantile         (const TallySketch *sketch,
                                            double             q);
guint64      tally_sketch_count_at_most    (const TallySketch *sketch,
                                            double             value);

void         tally_sketch_serialize        (const TallySketch *sketch,
                                            GByteArray        *out);
void         tally_sketch_serialize_counts (const TallySketch *sketch,
                                            GByteArray        *out);
gboolean     tally_sketch_merge_counts     (TallySketch       *sketch,
                                            const guint8      *data,
                                            gsize              len,
                                            double             min,
                                            double             max);
TallySketch *tally_sketch_new_from_bytes   (const guint8      *data,
                                            gsize              len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallySketch, tally_sketch_free)

G_END_DECLS
