/* tally-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* One panel's chart, without a widget: a frame, the panel's options, a
 * theme and a size in, pixels on any cairo_t out. The widget draws it with
 * gtk_snapshot_append_cairo(), `tally render` onto a PNG, SVG or PDF
 * surface. The layout (axes, ticks, decimated series, legend) is computed
 * once per change and kept, so a redraw, a hover overlay or a hit test does
 * no more work than it must. Each chart type is a TallyChartRenderer; this
 * file holds what they share: state, caching, and the loading / no data /
 * error states. tally-chart-describe.c writes the accessible description;
 * tally-chart-style.c answers what renderers ask (units, colours). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-chart-private.h"
#include "tally-format.h"

enum {
  PROP_0,
  PROP_CHART_TYPE,
  PROP_FRAME,
  PROP_OPTIONS,
  PROP_THEME,
  PROP_TIME_ZONE,
  PROP_TITLE,
  PROP_SHOW_TITLE,
  PROP_LOADING,
  PROP_ERROR,
  PROP_FIRST_ROW,
  PROP_EMPTY_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TallyChart, tally_chart, G_TYPE_OBJECT)

static const char *type_names[TALLY_N_CHART_TYPES] = {
  "stat", "line", "bar", "pie", "heatmap", "table", "gauge",
};

static const TallyChartRenderer *renderers[TALLY_N_CHART_TYPES] = {
  &tally_stat_renderer, &tally_line_renderer, &tally_bar_renderer, &tally_pie_renderer,
  &tally_heatmap_renderer, &tally_table_renderer, &tally_gauge_renderer,
};

const char *
tally_chart_type_to_string (TallyChartType type)
{
  g_return_val_if_fail (type < TALLY_N_CHART_TYPES, NULL);

  return type_names[type];
}

/* A panel type of the dashboard JSON; "alerts" and "logs" are tables. */
gboolean
tally_chart_type_from_string (const char     *name,
                              TallyChartType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  if (g_str_equal (name, "alerts") || g_str_equal (name, "logs"))
    {
      *type = TALLY_CHART_TABLE;
      return TRUE;
    }
  for (guint i = 0; i < TALLY_N_CHART_TYPES; i++)
    {
      if (g_str_equal (name, type_names[i]))
        {
          *type = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* g_set_str() is GLib 2.76. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Drops every cache: the next draw or hit test lays the chart out again. */
static void
tally_chart_invalidate (TallyChart *self)
{
  if (self->renderer != NULL && self->renderer_data != NULL)
    self->renderer->free (self->renderer_data);
  self->renderer_data = NULL;
  self->renderer = NULL;
  g_clear_pointer (&self->legend, tally_legend_free);
  self->layout_valid = FALSE;
}

static void
tally_chart_finalize (GObject *object)
{
  TallyChart *self = (TallyChart *) object;

  tally_chart_invalidate (self);
  g_clear_pointer (&self->text, tally_text_free);
  g_clear_pointer (&self->frame, tally_frame_unref);
  g_clear_pointer (&self->options, tally_chart_options_free);
  g_clear_pointer (&self->theme, tally_chart_theme_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->empty_message, g_free);

  G_OBJECT_CLASS (tally_chart_parent_class)->finalize (object);
}

static void
tally_chart_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TallyChart *self = TALLY_CHART (object);

  switch (prop_id)
    {
    case PROP_CHART_TYPE:
      g_value_set_uint (value, self->type);
      break;
    case PROP_FRAME:
      g_value_set_boxed (value, self->frame);
      break;
    case PROP_OPTIONS:
      g_value_set_boxed (value, self->options);
      break;
    case PROP_THEME:
      g_value_set_boxed (value, self->theme);
      break;
    case PROP_TIME_ZONE:
      g_value_set_boxed (value, self->tz);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SHOW_TITLE:
      g_value_set_boolean (value, self->show_title);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_FIRST_ROW:
      g_value_set_uint (value, self->first_row);
      break;
    case PROP_EMPTY_MESSAGE:
      g_value_set_string (value, self->empty_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_chart_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TallyChart *self = TALLY_CHART (object);

  switch (prop_id)
    {
    case PROP_CHART_TYPE:
      tally_chart_set_chart_type (self, g_value_get_uint (value));
      break;
    case PROP_FRAME:
      tally_chart_set_frame (self, g_value_get_boxed (value));
      break;
    case PROP_OPTIONS:
      tally_chart_set_options (self, g_value_get_boxed (value));
      break;
    case PROP_THEME:
      tally_chart_set_theme (self, g_value_get_boxed (value));
      break;
    case PROP_TIME_ZONE:
      tally_chart_set_time_zone (self, g_value_get_boxed (value));
      break;
    case PROP_TITLE:
      tally_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_SHOW_TITLE:
      tally_chart_set_show_title (self, g_value_get_boolean (value));
      break;
    case PROP_LOADING:
      tally_chart_set_loading (self, g_value_get_boolean (value));
      break;
    case PROP_ERROR:
      tally_chart_set_error (self, g_value_get_string (value));
      break;
    case PROP_FIRST_ROW:
      tally_chart_set_first_row (self, g_value_get_uint (value));
      break;
    case PROP_EMPTY_MESSAGE:
      tally_chart_set_empty_message (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tally_chart_class_init (TallyChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tally_chart_finalize;
  object_class->get_property = tally_chart_get_property;
  object_class->set_property = tally_chart_set_property;

  properties[PROP_CHART_TYPE] =
    g_param_spec_uint ("chart-type", NULL, NULL, 0, TALLY_N_CHART_TYPES - 1, 0, flags);
  properties[PROP_FRAME] = g_param_spec_boxed ("frame", NULL, NULL, TALLY_TYPE_FRAME, flags);
  properties[PROP_OPTIONS] =
    g_param_spec_boxed ("options", NULL, NULL, TALLY_TYPE_CHART_OPTIONS, flags);
  properties[PROP_THEME] =
    g_param_spec_boxed ("theme", NULL, NULL, TALLY_TYPE_CHART_THEME, flags);
  properties[PROP_TIME_ZONE] =
    g_param_spec_boxed ("time-zone", NULL, NULL, G_TYPE_TIME_ZONE, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SHOW_TITLE] = g_param_spec_boolean ("show-title", NULL, NULL, FALSE, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  properties[PROP_FIRST_ROW] = g_param_spec_uint ("first-row", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_EMPTY_MESSAGE] = g_param_spec_string ("empty-message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tally_chart_init (TallyChart *self)
{
  self->options = tally_chart_options_new ();
  self->theme = tally_chart_theme_new (TALLY_CHART_THEME_LIGHT);
  self->tz = g_time_zone_new_local ();
  self->width = 400;
  self->height = 300;
}

TallyChart *
tally_chart_new (TallyChartType type)
{
  g_return_val_if_fail (type < TALLY_N_CHART_TYPES, NULL);

  return g_object_new (TALLY_TYPE_CHART, "chart-type", type, NULL);
}

TallyChartType
tally_chart_get_chart_type (TallyChart *self)
{
  g_return_val_if_fail (TALLY_IS_CHART (self), TALLY_CHART_LINE);

  return self->type;
}

void
tally_chart_set_chart_type (TallyChart     *self,
                            TallyChartType  type)
{
  g_return_if_fail (TALLY_IS_CHART (self));
  g_return_if_fail (type < TALLY_N_CHART_TYPES);

  if (self->type == type)
    return;
  self->type = type;
  tally_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART_TYPE]);
}

TallyFrame *
tally_chart_get_frame (TallyChart *self)
{
  g_return_val_if_fail (TALLY_IS_CHART (self), NULL);

  return self->frame;
}

/* The data to draw, or NULL for none yet (drawn as loading or no data). */
void
tally_chart_set_frame (TallyChart *self,
                       TallyFrame *frame)
{
  g_return_if_fail (TALLY_IS_CHART (self));

  if (self->frame == frame)
    return;
  g_clear_pointer (&self->frame, tally_frame_unref);
  if (frame != NULL)
    self->frame = tally_frame_ref (frame);
  tally_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
}

const TallyChartOptions *
tally_chart_get_options (TallyChart *self)
{
  g_return_val_if_fail (TALLY_IS_CHART (self), NULL);

  return self->options;
}

/* Takes a copy of @options (NULL for the defaults). */
void
tally_chart_set_options (TallyChart              *self,
                         const TallyChartOptions *options)
{
  g_return_if_fail (TALLY_IS_CHART (self));

  if (self->options == options)
    return;
  tally_chart_options_free (self->options);
  self->options = options ? tally_chart_options_copy (options) : tally_chart_options_new ();
  tally_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONS]);
}

TallyChartTheme *
tally_chart_get_theme (TallyChart *self)
{
  g_return_val_if_fail (TALLY_IS_CHART (self), NULL);

  return self->theme;
}

void
tally_chart_set_theme (TallyChart      *self,
                       TallyChartTheme *theme)
{
  g_return_if_fail (TALLY_IS_CHART (self));
  g_return_if_fail (theme != NULL);

  if (self->theme == theme)
    return;
  tally_chart_theme_ref (theme);
  tally_chart_theme_unref (self->theme);
  self->theme = theme;
  tally_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
}

GTimeZone *
tally_chart_get_time_zone (TallyChart *self)
{
  g_return_val_if_fail (TALLY_IS_CHART (self), NULL);

  return self->tz;
}

/* The zone of time labels; NULL for the local zone. */
void
tally_chart_set_time_zone (TallyChart *self,
                           GTimeZone  *tz)
{
  g_return_if_fail (TALLY_IS_CHART (self));

  if (self->tz == tz)
    return;
  g_time_zone_unref (self->tz);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  tally_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

const char *
tally_chart_get_title (TallyChart *self)
{
  g_return_val_if_fail (TALLY_IS_CHART (self), NULL);

  return self->title;
}

/* The panel's title: drawn when show-title is set, and the start of the
 * accessible description. */
void
tally_chart_set_title (TallyChart *self,
                       const char *title)
{
  g_return_if_fail (TALLY_IS_CHART (self));

  if (!set_string (&self->title, title))
    return;
  tally_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
tally_chart_get_show_title (TallyChart *self)
{
  g_return_val_if_fail (TALLY_IS_CHART (self), FALSE);

  return self->show_title;
}

/* Whether the chart draws its title (export does; the widget's card has
 * its own). */
void
tally_chart_set_show_title (TallyChart *self,
                            gboolean    show_title)
{
  g_return_if_fail (TALLY_IS_CHART (self));

  show_title = !!show_title;
  if (self->show_title == show_title)
    return;
  self->show_title = show_title;
  tally_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TITLE]);
}

gboolean
tally_chart_get_loading (TallyChart *self)
{
  g_return_val_if_fail (TALLY_IS_CHART (self), FALSE);

  return self->loading;
}

/* While loading, a chart with a frame keeps drawing it (a refresh does not
 * blink); one without says "Loading…". */
void
tally_chart_set_loading (TallyChart *self,
                         gboolean    loading)
{
  g_return_if_fail (TALLY_IS_CHART (self));

  loading = !!loading;
  if (self->loading == loading)
    return;
  self->loading = loading;
  tally_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

const char *
tally_chart_get_error (TallyChart *self)
{
  g_return_val_if_fail (TALLY_IS_CHART (self), NULL);

  return self->error;
}

/* A query error to show, or NULL. With a frame, the chart keeps drawing
 * the last good data under a strip with @message (DESIGN.md: "the panel
 * keeps its last good frame, shows the error"); without, the message takes
 * the whole chart. */
void
tally_chart_set_error (TallyChart *self,
                       const char *message)
{
  g_return_if_fail (TALLY_IS_CHART (self));

  if (!set_string (&self->error, message))
    return;
  tally_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

guint
tally_chart_get_first_row (TallyChart *self)
{
  g_return_val_if_fail (TALLY_IS_CHART (self), 0);

  return self->first_row;
}

/* The first table row shown: how a widget scrolls a table. */
void
tally_chart_set_first_row (TallyChart *self,
                           guint       first_row)
{
  g_return_if_fail (TALLY_IS_CHART (self));

  if (self->first_row == first_row)
    return;
  self->first_row = first_row;
  tally_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_ROW]);
}

/* What an empty frame says in place of "No data in this range" (an
 * `alerts` panel: "No alerts in this time range"); NULL for that. */
void
tally_chart_set_empty_message (TallyChart *self,
                               const char *message)
{
  g_return_if_fail (TALLY_IS_CHART (self));

  if (!set_string (&self->empty_message, message))
    return;
  tally_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY_MESSAGE]);
}

/* The size to draw at, in user-space units (the widget's logical pixels). */
void
tally_chart_set_size (TallyChart *self,
                      double      width,
                      double      height)
{
  g_return_if_fail (TALLY_IS_CHART (self));

  width = MAX (width, 0);
  height = MAX (height, 0);
  if (self->width == width && self->height == height)
    return;
  self->width = width;
  self->height = height;
  tally_chart_invalidate (self);
}

void
tally_chart_get_size (TallyChart *self,
                      double     *width,
                      double     *height)
{
  g_return_if_fail (TALLY_IS_CHART (self));

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

gboolean
tally_chart_get_series_hidden (TallyChart *self,
                               const char *name)
{
  g_return_val_if_fail (TALLY_IS_CHART (self), FALSE);

  return tally_chart_options_is_hidden (self->options, name);
}

/* Hides or shows a series, category or slice by name (a legend click);
 * the options change, so notify::options fires and the widget can save
 * them. */
void
tally_chart_set_series_hidden (TallyChart *self,
                               const char *name,
                               gboolean    hidden)
{
  g_return_if_fail (TALLY_IS_CHART (self));
  g_return_if_fail (name != NULL);

  if (tally_chart_options_is_hidden (self->options, name) == !!hidden)
    return;
  tally_chart_options_set_hidden (self->options, name, hidden);
  tally_chart_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONS]);
}

void
tally_chart_toggle_series (TallyChart *self,
                           const char *name)
{
  g_return_if_fail (TALLY_IS_CHART (self));
  g_return_if_fail (name != NULL);

  tally_chart_set_series_hidden (self, name, !tally_chart_options_is_hidden (self->options, name));
}

/* What the chart says instead of a chart, or NULL when it draws data. */
char *
tally_chart_state_message (TallyChart *self)
{
  const TallyChartRenderer *renderer = renderers[self->type];

  if (self->frame == NULL)
    {
      if (self->error != NULL)
        return g_strdup_printf (_("Error: %s"), self->error);
      if (self->loading)
        return g_strdup (_("Loading…"));
      return g_strdup (_("No data in this range"));
    }
  if (!renderer->accepts (tally_frame_get_shape (self->frame)))
    /* Translators: %s is a frame shape: scalar, timeseries, categories, matrix or table */
    return g_strdup_printf (_("This panel cannot show %s data"),
                            tally_shape_to_string (tally_frame_get_shape (self->frame)));
  if (tally_frame_is_empty (self->frame))
    {
      if (self->error != NULL)
        return g_strdup_printf (_("Error: %s"), self->error);
      if (self->empty_message != NULL)
        return g_strdup (self->empty_message);
      return g_strdup (_("No data in this range"));
    }

  return NULL;
}

void
tally_chart_ensure_layout (TallyChart *self)
{
  g_autofree char *message = NULL;
  cairo_rectangle_t area;

  if (self->layout_valid && tally_text_matches (self->text, self->theme))
    return;

  tally_chart_invalidate (self);
  if (!tally_text_matches (self->text, self->theme))
    {
      g_clear_pointer (&self->text, tally_text_free);
      self->text = tally_text_new (self->theme);
    }

  area = (cairo_rectangle_t) { TALLY_CHART_PADDING, TALLY_CHART_PADDING,
                               MAX (self->width - 2 * TALLY_CHART_PADDING, 0),
                               MAX (self->height - 2 * TALLY_CHART_PADDING, 0) };
  if (self->show_title)
    {
      double title_height = tally_text_line_height (self->text, TALLY_TEXT_BOLD) + TALLY_CHART_GAP;

      area.y += title_height;
      area.height = MAX (area.height - title_height, 0);
    }
  self->content = area;
  self->layout_valid = TRUE;

  message = tally_chart_state_message (self);
  if (message == NULL)
    {
      self->renderer = renderers[self->type];
      self->renderer_data = self->renderer->layout (self, &area);
    }
}

static void
draw_title (TallyChart *self,
            cairo_t    *cr)
{
  g_autofree char *title = NULL;
  PangoLayout *layout;

  if (!self->show_title)
    return;
  title = tally_chart_dup_display_title (self);
  layout = tally_text_layout (self->text, TALLY_TEXT_BOLD, 0, title,
                              self->width - 2 * TALLY_CHART_PADDING);
  tally_text_draw (cr, layout, TALLY_CHART_PADDING, TALLY_CHART_PADDING, 0, 0,
                   tally_chart_color (self, TALLY_CHART_COLOR_FOREGROUND));
}

/* Draws the static part of the chart in (0, 0, width, height) of @cr's
 * user space, background included, and nothing outside it. */
void
tally_chart_draw (TallyChart *self,
                  cairo_t    *cr)
{
  g_autofree char *message = NULL;

  g_return_if_fail (TALLY_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  tally_chart_ensure_layout (self);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_clip (cr);
  tally_cairo_set_color (cr, tally_chart_color (self, TALLY_CHART_COLOR_BACKGROUND), 1);
  cairo_paint (cr);
  draw_title (self, cr);

  if (self->renderer_data != NULL)
    {
      self->renderer->draw (self, self->renderer_data, cr);
      if (self->legend != NULL)
        tally_legend_draw (self->legend, self, cr);
      if (self->error != NULL)
        tally_chart_draw_error_strip (self, cr, self->error);
    }
  else if ((message = tally_chart_state_message (self)) != NULL)
    tally_chart_draw_message (self, cr, &self->content, message,
                              self->error != NULL ? tally_chart_color (self, TALLY_CHART_COLOR_ERROR)
                                                  : tally_chart_shade (self, TALLY_CHART_SHADE_DIM));
  cairo_restore (cr);
}
