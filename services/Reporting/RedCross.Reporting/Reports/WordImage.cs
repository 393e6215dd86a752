using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using Dw = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using Pic = DocumentFormat.OpenXml.Drawing.Pictures;

namespace RedCross.Reporting.Reports;

/// <summary>A PNG placed in line in its own centred paragraph, as wide as the text (16 cm on the report's A4 page) and
/// as high as the picture's proportions say.</summary>
internal static class WordImage
{
    private const long EmuPerCm = 360_000;
    private const long Width = 16 * EmuPerCm;

    public static Paragraph Paragraph(MainDocumentPart main, byte[] png)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var stream = new MemoryStream(png))
        {
            part.FeedData(stream);
        }

        var id = main.GetIdOfPart(part);
        var number = (uint)main.ImageParts.Count();
        var height = Width * PngHeight(png) / Math.Max(1, PngWidth(png));
        var name = $"chart{number}.png";
        var picture = new Pic.Picture(
            new Pic.NonVisualPictureProperties(new Pic.NonVisualDrawingProperties { Id = 0U, Name = name }, new Pic.NonVisualPictureDrawingProperties()),
            new Pic.BlipFill(new A.Blip { Embed = id }, new A.Stretch(new A.FillRectangle())),
            new Pic.ShapeProperties(
                new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = Width, Cy = height }),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));
        var inline = new Dw.Inline(
            new Dw.Extent { Cx = Width, Cy = height },
            new Dw.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new Dw.DocProperties { Id = number, Name = name },
            new Dw.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };
        return new Paragraph(
            new ParagraphProperties(new KeepNext(), new Justification { Val = JustificationValues.Center }),
            new Run(new Drawing(inline)));
    }

    // A PNG's IHDR chunk, right after the 8-byte signature and the chunk's length and type, holds width then height.
    private static long PngWidth(byte[] png) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16, 4));

    private static long PngHeight(byte[] png) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20, 4));
}
