import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

export class CreateDatastoreDto {
  @ApiProperty({ example: 'ssd-01', description: 'Directory name under DATA_DIR/datastores; lowercase letters, digits, - _ .' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,62}$/, { message: 'name must be 1-63 of a-z 0-9 . _ - starting with a letter or digit' })
  name: string;

  @ApiProperty({ example: 100, minimum: 1, maximum: 1048576 })
  @IsInt()
  @Min(1)
  @Max(1048576)
  capacityGiB: number;
}
