/* tally-dashboard-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A whole dashboard on one cairo surface: a header with its title and
 * time range, and every panel on the 24-column grid as a card holding its
 * chart. `tally render` draws PNG, SVG and PDF files with it, and the
 * window's "export as image" does too, so an export looks like the
 * dashboard. The grid's pixels come from tally-grid-geometry.c and each
 * panel's chart from tally-panel-chart.c, as in the window, so a panel
 * sits at the same place and draws the same in both. */

#include "config.h"

#include <math.h>

#include "tally-chart-text.h"
#include "tally-dashboard-render.h"
#include "tally-grid-geometry.h"
#include "tally-local-source.h"
#include "tally-panel-chart.h"
#include "tally-store.h"

#define HEADER     TALLY_DASHBOARD_RENDER_HEADER
#define MARGIN     TALLY_GRID_MARGIN
#define RADIUS     10.0

typedef struct
{
  guint          id;
  TallyGridRect  grid;     /* as in the layout */
  TallyChart    *chart;
  TallyGridBox   box;      /* on the page, at the size set */
} Card;

struct _TallyDashboardRender
{
  GObject          parent_instance;

  TallyDashboard  *dashboard;
  TallyChartTheme *theme;
  TallyText       *text;
  char            *subtitle;
  GArray          *cards;       /* Card */
  double           width;
  double           height;
};

G_DEFINE_FINAL_TYPE (TallyDashboardRender, tally_dashboard_render, G_TYPE_OBJECT)

/* A chart for @panel; options the renderers refuse show as the panel's
 * error rather than being dropped silently. */
static TallyChart *
chart_for_panel (TallyDashboardRender *self,
                 TallyPanel           *panel,
                 GTimeZone            *tz)
{
  g_autoptr(GError) error = NULL;
  TallyChart *chart = tally_panel_chart_new (panel, &error);

  tally_chart_set_theme (chart, self->theme);
  tally_chart_set_time_zone (chart, tz);
  tally_chart_set_show_title (chart, TRUE);
  tally_chart_set_loading (chart, TRUE);
  if (error != NULL)
    tally_chart_set_error (chart, error->message);

  return chart;
}

/**
 * tally_dashboard_render_new:
 * @theme: the colours and fonts, shared by every panel
 * @tz: the zone times are shown in
 *
 * Lays out @dashboard's panels as they are now. Every panel shows
 * "loading" until it gets a frame or an error.
 */
TallyDashboardRender *
tally_dashboard_render_new (TallyDashboard  *dashboard,
                            TallyChartTheme *theme,
                            GTimeZone       *tz)
{
  TallyDashboardRender *self;
  GListModel *panels;

  g_return_val_if_fail (TALLY_IS_DASHBOARD (dashboard), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  self = g_object_new (TALLY_TYPE_DASHBOARD_RENDER, NULL);
  self->dashboard = g_object_ref (dashboard);
  self->theme = tally_chart_theme_ref (theme);
  self->text = tally_text_new (theme);

  panels = tally_dashboard_get_panels (dashboard);
  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      Card card = { tally_panel_get_id (panel), { 0 }, chart_for_panel (self, panel, tz) };

      tally_panel_get_grid (panel, &card.grid.x, &card.grid.y, &card.grid.w, &card.grid.h);
      g_array_append_val (self->cards, card);
    }

  return self;
}

/* The line under the title, such as the time range shown. */
void
tally_dashboard_render_set_subtitle (TallyDashboardRender *self,
                                     const char           *subtitle)
{
  g_return_if_fail (TALLY_IS_DASHBOARD_RENDER (self));

  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
}

static Card *
find_card (TallyDashboardRender *self,
           guint                 panel_id)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = &g_array_index (self->cards, Card, i);

      if (card->id == panel_id)
        return card;
    }

  return NULL;
}

TallyChart *
tally_dashboard_render_get_chart (TallyDashboardRender *self,
                                  guint                 panel_id)
{
  Card *card;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_RENDER (self), NULL);

  card = find_card (self, panel_id);
  return card ? card->chart : NULL;
}

void
tally_dashboard_render_set_frame (TallyDashboardRender *self,
                                  guint                 panel_id,
                                  TallyFrame           *frame)
{
  Card *card;

  g_return_if_fail (TALLY_IS_DASHBOARD_RENDER (self));

  if ((card = find_card (self, panel_id)) == NULL)
    return;
  tally_chart_set_frame (card->chart, frame);
  tally_chart_set_loading (card->chart, FALSE);
}

void
tally_dashboard_render_set_error (TallyDashboardRender *self,
                                  guint                 panel_id,
                                  const char           *message)
{
  Card *card;

  g_return_if_fail (TALLY_IS_DASHBOARD_RENDER (self));

  if ((card = find_card (self, panel_id)) == NULL)
    return;
  tally_chart_set_error (card->chart, message);
  tally_chart_set_loading (card->chart, FALSE);
}

static void
alerts_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* An `alerts` panel's frame, as the window gets it: the alert history of
 * @store through the local source, waited for on a main context of its
 * own so that nothing else of the caller's runs meanwhile. */
static TallyFrame *
query_alerts (TallyStore            *store,
              const TallyQuery      *query,
              const TallyTimeRange  *range,
              GError               **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(TallyLocalSource) source = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_main_context_push_thread_default (context);
  source = tally_local_source_new (store);
  tally_source_alerts_async (TALLY_SOURCE (source), range, query->limit, NULL, alerts_listed_cb,
                             &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  return tally_source_alerts_finish (TALLY_SOURCE (source), result, error);
}

/* Runs every panel's query on @store over @range (or the panel's own
 * range), with the dashboard's filters, and gives each panel its frame or
 * its error; an `alerts` panel gets the store's alert history. Returns
 * how many panels failed. */
guint
tally_dashboard_render_run_queries (TallyDashboardRender *self,
                                    TallyStore           *store,
                                    TallyTimeRange       *range)
{
  GListModel *panels;
  guint n_failed = 0;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_RENDER (self), 0);

  panels = tally_dashboard_get_panels (self->dashboard);
  for (guint i = 0; i < g_list_model_get_n_items (panels); i++)
    {
      g_autoptr(TallyPanel) panel = g_list_model_get_item (panels, i);
      g_autoptr(TallyQuery) query = tally_dashboard_apply_filters (self->dashboard,
                                                                   tally_panel_get_query (panel));
      g_autoptr(TallyTimeRange) panel_range = NULL;
      g_autoptr(TallyFrame) frame = NULL;
      g_autoptr(GError) error = NULL;
      guint id = tally_panel_get_id (panel);

      if ((panel_range = tally_dashboard_get_panel_range (self->dashboard, panel, range,
                                                          &error)) != NULL)
        frame = tally_panel_get_panel_type (panel) == TALLY_PANEL_ALERTS
                ? query_alerts (store, query, panel_range, &error)
                : tally_store_query (store, query, panel_range, NULL, &error);
      if (frame != NULL)
        {
          tally_dashboard_render_set_frame (self, id, frame);
        }
      else
        {
          tally_dashboard_render_set_error (self, id, error->message);
          n_failed++;
        }
    }

  return n_failed;
}

/* The cards' places on the grid at @geometry's width: floated up, and
 * folded into one column on a narrow page as in the window. Returns the
 * number of rows. */
static int
arrange (TallyDashboardRender    *self,
         const TallyGridGeometry *geometry,
         TallyGridRect           *rects)
{
  for (guint i = 0; i < self->cards->len; i++)
    rects[i] = g_array_index (self->cards, Card, i).grid;
  tally_grid_geometry_arrange (geometry, rects, self->cards->len);

  return tally_grid_height (rects, self->cards->len);
}

/* The height the dashboard takes at @width with rows of the natural
 * height: what `tally render` uses without --size. */
double
tally_dashboard_render_get_height (TallyDashboardRender *self,
                                   double                width)
{
  g_autofree TallyGridRect *rects = NULL;
  TallyGridGeometry geometry;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_RENDER (self), 0);

  tally_grid_geometry_init (&geometry, width, HEADER);
  rects = g_new (TallyGridRect, MAX (self->cards->len, 1));
  return tally_grid_geometry_get_height (&geometry, arrange (self, &geometry, rects));
}

/* Fits the dashboard into @width × @height: rows stretch or shrink so
 * that every panel shows. */
void
tally_dashboard_render_set_size (TallyDashboardRender *self,
                                 double                width,
                                 double                height)
{
  g_autofree TallyGridRect *rects = NULL;
  TallyGridGeometry geometry;

  g_return_if_fail (TALLY_IS_DASHBOARD_RENDER (self));

  self->width = width;
  self->height = height;
  tally_grid_geometry_init (&geometry, width, HEADER);
  rects = g_new (TallyGridRect, MAX (self->cards->len, 1));
  tally_grid_geometry_fit_rows (&geometry, arrange (self, &geometry, rects), height);

  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = &g_array_index (self->cards, Card, i);

      tally_grid_geometry_place (&geometry, &rects[i], &card->box);
      tally_chart_set_size (card->chart, card->box.width, card->box.height);
    }
}

gboolean
tally_dashboard_render_get_panel_rect (TallyDashboardRender *self,
                                       guint                 panel_id,
                                       double               *x,
                                       double               *y,
                                       double               *width,
                                       double               *height)
{
  Card *card;

  g_return_val_if_fail (TALLY_IS_DASHBOARD_RENDER (self), FALSE);

  if ((card = find_card (self, panel_id)) == NULL)
    return FALSE;
  *x = card->box.x;
  *y = card->box.y;
  *width = card->box.width;
  *height = card->box.height;
  return TRUE;
}

static void
set_color (cairo_t         *cr,
           const TallyRgba *rgba)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   width,
              double   height,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + width - r, y + height - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The page behind the cards: the background shaded a little towards the
 * foreground, as libadwaita's window background is to its views. */
static TallyRgba
page_color (TallyDashboardRender *self)
{
  const TallyRgba *bg = tally_chart_theme_get_color (self->theme, TALLY_CHART_COLOR_BACKGROUND);
  const TallyRgba *fg = tally_chart_theme_get_color (self->theme, TALLY_CHART_COLOR_FOREGROUND);
  double mix = tally_chart_theme_is_dark (self->theme) ? 0.06 : 0.04;

  return (TallyRgba) { bg->red + (fg->red - bg->red) * mix, bg->green + (fg->green - bg->green) * mix,
                       bg->blue + (fg->blue - bg->blue) * mix, 1 };
}

static void
draw_page (TallyDashboardRender *self,
           cairo_t              *cr)
{
  const TallyRgba *fg = tally_chart_theme_get_color (self->theme, TALLY_CHART_COLOR_FOREGROUND);
  TallyRgba page = page_color (self);
  PangoLayout *layout;

  set_color (cr, &page);
  cairo_paint (cr);

  layout = tally_text_layout (self->text, TALLY_TEXT_VALUE, 20, tally_dashboard_get_title (self->dashboard),
                              self->width - 2 * MARGIN);
  tally_text_draw (cr, layout, MARGIN, MARGIN, 0, 0, fg);
  if (self->subtitle != NULL)
    {
      layout = tally_text_layout (self->text, TALLY_TEXT_SMALL, 0, self->subtitle, self->width - 2 * MARGIN);
      tally_text_draw (cr, layout, MARGIN, HEADER, 0, 1,
                       tally_chart_theme_get_shade (self->theme, TALLY_CHART_SHADE_DIM));
    }
}

/* Rounds a card's corners by painting the page over them. A rounded
 * clip would send every drawing operation of the chart through a mask:
 * three times slower for the whole dashboard. */
static void
round_corners (TallyDashboardRender *self,
               cairo_t              *cr,
               const Card           *card,
               const TallyRgba      *page)
{
  double x0 = card->box.x, y0 = card->box.y;
  double x1 = card->box.x + card->box.width, y1 = card->box.y + card->box.height;

  cairo_new_path (cr);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x0 + RADIUS, y0);
  cairo_arc_negative (cr, x0 + RADIUS, y0 + RADIUS, RADIUS, 3 * G_PI / 2, G_PI);
  cairo_close_path (cr);
  cairo_move_to (cr, x1, y0);
  cairo_line_to (cr, x1, y0 + RADIUS);
  cairo_arc_negative (cr, x1 - RADIUS, y0 + RADIUS, RADIUS, 0, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - RADIUS, y1);
  cairo_arc_negative (cr, x1 - RADIUS, y1 - RADIUS, RADIUS, G_PI / 2, 0);
  cairo_close_path (cr);
  cairo_move_to (cr, x0, y1);
  cairo_line_to (cr, x0, y1 - RADIUS);
  cairo_arc_negative (cr, x0 + RADIUS, y1 - RADIUS, RADIUS, G_PI, G_PI / 2);
  cairo_close_path (cr);
  set_color (cr, page);
  cairo_fill (cr);

  rounded_rect (cr, x0 + 0.5, y0 + 0.5, card->box.width - 1, card->box.height - 1, RADIUS);
  set_color (cr, tally_chart_theme_get_shade (self->theme, TALLY_CHART_SHADE_BORDER));
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* Draws at @width × @height set by tally_dashboard_render_set_size(). */
void
tally_dashboard_render_draw (TallyDashboardRender *self,
                             cairo_t              *cr)
{
  TallyRgba page;

  g_return_if_fail (TALLY_IS_DASHBOARD_RENDER (self));
  g_return_if_fail (self->width > 0 && self->height > 0);

  cairo_save (cr);
  draw_page (self, cr);
  page = page_color (self);

  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = &g_array_index (self->cards, Card, i);

      cairo_save (cr);
      cairo_rectangle (cr, card->box.x, card->box.y, card->box.width, card->box.height);
      cairo_clip (cr);
      cairo_translate (cr, card->box.x, card->box.y);
      tally_chart_draw (card->chart, cr);
      cairo_restore (cr);
      round_corners (self, cr, card, &page);
    }

  cairo_restore (cr);
}

static void
card_clear (gpointer data)
{
  Card *card = data;

  g_clear_object (&card->chart);
}

static void
tally_dashboard_render_dispose (GObject *object)
{
  TallyDashboardRender *self = TALLY_DASHBOARD_RENDER (object);

  g_array_set_size (self->cards, 0);
  g_clear_object (&self->dashboard);

  G_OBJECT_CLASS (tally_dashboard_render_parent_class)->dispose (object);
}

static void
tally_dashboard_render_finalize (GObject *object)
{
  TallyDashboardRender *self = TALLY_DASHBOARD_RENDER (object);

  g_array_unref (self->cards);
  g_clear_pointer (&self->text, tally_text_free);
  g_clear_pointer (&self->theme, tally_chart_theme_unref);
  g_free (self->subtitle);

  G_OBJECT_CLASS (tally_dashboard_render_parent_class)->finalize (object);
}

static void
tally_dashboard_render_class_init (TallyDashboardRenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tally_dashboard_render_dispose;
  object_class->finalize = tally_dashboard_render_finalize;
}

static void
tally_dashboard_render_init (TallyDashboardRender *self)
{
  self->cards = g_array_new (FALSE, TRUE, sizeof (Card));
  g_array_set_clear_func (self->cards, card_clear);
}
